/**
 * The health cycle as it stands today: which checks run, running them in turn, and what the step
 * reports (worst status, failure count, whether the step fails). Pure: checks are passed in.
 */
import { ConfigurationError } from "../common/errors.js";
import type { Annotation } from "../common/report.js";
import { worstStatus, type CheckResult, type Status } from "../common/result.js";

export const HEALTH_CHECKS = ["validate", "pm2"] as const;
export type HealthCheck = (typeof HEALTH_CHECKS)[number];

export const HEALTH_FAIL_ON = ["fail", "warn", "never"] as const;
export type HealthFailOn = (typeof HEALTH_FAIL_ON)[number];

function isHealthCheck(name: string): name is HealthCheck {
  return (HEALTH_CHECKS as readonly string[]).includes(name);
}

/** The `checks` input as check names; an empty list means every check. */
export function parseChecks(items: readonly string[]): HealthCheck[] {
  if (items.length === 0) return [...HEALTH_CHECKS];
  const selected = new Set<HealthCheck>();
  for (const item of items) {
    const name = item.trim().toLowerCase();
    if (!isHealthCheck(name)) {
      throw new ConfigurationError(`unknown check '${item}' (known: ${HEALTH_CHECKS.join(", ")})`, { key: "checks" });
    }
    selected.add(name);
  }
  return HEALTH_CHECKS.filter((c) => selected.has(c));
}

export interface HealthPlan {
  checks: HealthCheck[];
  /** Why a selected check does not run, one line each, for the log. */
  skipped: string[];
}

/** validate runs whenever selected; pm2 only when the config lists hosts. */
export function planChecks(selected: readonly HealthCheck[], pm2HostCount: number): HealthPlan {
  const plan: HealthPlan = { checks: [], skipped: [] };
  for (const check of selected) {
    if (check === "pm2" && pm2HostCount === 0) {
      plan.skipped.push("pm2: no hosts in pm2.hosts of the config, skipped");
      continue;
    }
    plan.checks.push(check);
  }
  return plan;
}

export type HealthRunners = Record<HealthCheck, () => Promise<CheckResult[]>>;

export interface HealthReport {
  results: CheckResult[];
  status: Status;
  /** Results whose status is fail. */
  failed: number;
}

export function summarize(results: CheckResult[]): HealthReport {
  return {
    results,
    status: worstStatus(results.map((r) => r.status)),
    failed: results.filter((r) => r.status === "fail").length,
  };
}

/** Runs the planned checks one after the other, in plan order. */
export async function runHealth(plan: HealthPlan, runners: HealthRunners): Promise<HealthReport> {
  const results: CheckResult[] = [];
  for (const check of plan.checks) results.push(...(await runners[check]()));
  return summarize(results);
}

/** The failure message when the step should fail under `failOn`; undefined when it passes. */
export function stepFailure(report: HealthReport, failOn: HealthFailOn): string | undefined {
  if (failOn === "never") return undefined;
  const failing = report.failed;
  if (failing > 0) return `${failing} health check${failing === 1 ? "" : "s"} failing`;
  if (failOn === "warn") {
    // "unknown" (could not check) counts as a warning: a silent host must not pass a strict run.
    const noisy = report.results.filter((r) => r.status === "warn" || r.status === "unknown").length;
    if (noisy > 0) return `${noisy} health check${noisy === 1 ? "" : "s"} with warnings (fail-on: warn)`;
  }
  return undefined;
}

/** One annotation per result that is not ok; validate results point at their file. */
export function resultAnnotations(results: readonly CheckResult[]): Annotation[] {
  const annotations: Annotation[] = [];
  for (const r of results) {
    if (r.status === "ok") continue;
    const annotation: Annotation = {
      severity: r.status === "fail" ? "error" : "warning",
      message: `${r.id}: ${r.summary}`,
      title: "redundancy health",
    };
    if (r.kind === "validate" && r.id.startsWith("validate/")) {
      annotation.file = r.id.slice("validate/".length);
      // A validate summary already starts with the file the annotation points at.
      annotation.message = r.summary;
    }
    annotations.push(annotation);
  }
  return annotations;
}

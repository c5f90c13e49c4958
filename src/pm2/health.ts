import { worstStatus, type Status } from "../common/result.js";
import { formatDuration, formatSize } from "../common/units.js";
import type { Pm2App } from "./jlist.js";
import type { Pm2Thresholds } from "./settings.js";

/** What one run remembers about an app for the next run (restarts since last run). */
export interface AppState {
  restarts: number;
  checkedAt: string;
}

/** Previous-run memory, keyed by host name then app name. */
export interface Pm2State {
  version: 1;
  hosts: Record<string, Record<string, AppState>>;
}

export type ProblemKind =
  | "stopped"
  | "errored"
  | "waiting-restart"
  | "launching"
  | "crash-loop"
  | "unstable"
  | "restarts"
  | "memory"
  | "cpu"
  | "missing"
  | "unexpected"
  | "unknown-status";

export interface Problem {
  kind: ProblemKind;
  status: Status;
  message: string;
  /** The PM2 ids of the instances concerned. */
  pmIds: number[];
}

/** One app's verdict on one host (all its instances together). */
export interface AppVerdict {
  app: string;
  status: Status;
  summary: string;
  problems: Problem[];
  instances: Pm2App[];
  restarts: number;
  restartsSinceLastRun?: number;
  metrics: Record<string, number>;
}

/** Problems a restart or re-creation can fix; the others are reported only. */
export const RECOVERABLE: ReadonlySet<ProblemKind> = new Set<ProblemKind>([
  "stopped",
  "errored",
  "waiting-restart",
  "launching",
  "crash-loop",
  "memory",
  "missing",
]);

export function emptyState(): Pm2State {
  return { version: 1, hosts: {} };
}

/** Accepts what a previous run wrote; anything else is rejected with the reason. */
export function parseState(text: string, source: string): Pm2State {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: state is not JSON (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  if (!isRecord(data) || data.version !== 1 || !isRecord(data.hosts)) {
    throw new Error(`${source}: state must be {"version": 1, "hosts": {...}}`);
  }
  const hosts: Pm2State["hosts"] = {};
  for (const [host, apps] of Object.entries(data.hosts)) {
    if (!isRecord(apps)) continue;
    hosts[host] = {};
    for (const [app, entry] of Object.entries(apps)) {
      if (isRecord(entry) && typeof entry.restarts === "number") {
        hosts[host][app] = {
          restarts: entry.restarts,
          checkedAt: typeof entry.checkedAt === "string" ? entry.checkedAt : "",
        };
      }
    }
  }
  return { version: 1, hosts };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function instanceProblems(app: Pm2App, t: Pm2Thresholds): Problem[] {
  const ids = [app.pmId];
  const out: Problem[] = [];
  const label = `${app.name}[${app.pmId}]`;
  switch (app.status) {
    case "online":
      break;
    case "stopped":
    case "stopping":
      out.push({ kind: "stopped", status: "fail", message: `${label} is ${app.status}`, pmIds: ids });
      break;
    case "errored":
      out.push({
        kind: "errored",
        status: "fail",
        message: `${label} is errored (PM2 gave up restarting it)`,
        pmIds: ids,
      });
      break;
    case "waiting restart":
      out.push({
        kind: "waiting-restart",
        status: "fail",
        message: `${label} is waiting to restart after crashing`,
        pmIds: ids,
      });
      break;
    case "launching":
      if (app.uptimeMs !== undefined && app.uptimeMs > t.maxLaunching) {
        out.push({
          kind: "launching",
          status: "fail",
          message: `${label} has been launching for ${formatDuration(app.uptimeMs)}`,
          pmIds: ids,
        });
      }
      break;
    default:
      out.push({ kind: "unknown-status", status: "warn", message: `${label} has status '${app.status}'`, pmIds: ids });
  }
  if (app.status === "online" && app.restarts > 0 && app.uptimeMs !== undefined && app.uptimeMs < t.minUptime) {
    out.push({
      kind: "crash-loop",
      status: "fail",
      message: `${label} is crash-looping: up ${formatDuration(app.uptimeMs)} (< min-uptime ${formatDuration(t.minUptime)}) after ${app.restarts} restarts`,
      pmIds: ids,
    });
  } else if (app.unstableRestarts > 0) {
    out.push({
      kind: "unstable",
      status: "warn",
      message: `${label} had ${app.unstableRestarts} unstable restarts`,
      pmIds: ids,
    });
  }
  if (t.maxMemory !== undefined && app.memoryBytes !== undefined && app.memoryBytes > t.maxMemory) {
    out.push({
      kind: "memory",
      status: "fail",
      message: `${label} uses ${formatSize(app.memoryBytes)} (> max-memory ${formatSize(t.maxMemory)})`,
      pmIds: ids,
    });
  }
  if (t.maxCpu !== undefined && app.cpuPercent !== undefined && app.cpuPercent > t.maxCpu) {
    out.push({
      kind: "cpu",
      status: "warn",
      message: `${label} uses ${app.cpuPercent}% CPU (> max-cpu ${t.maxCpu}%)`,
      pmIds: ids,
    });
  }
  return out;
}

/**
 * Judges every app of one host. `expected` lists the apps that must run (empty: no expectation);
 * `previous` is the last run's memory for this host.
 */
export function evaluateApps(
  apps: readonly Pm2App[],
  expected: readonly string[],
  thresholds: Pm2Thresholds,
  previous: Record<string, AppState> | undefined,
): AppVerdict[] {
  const byName = new Map<string, Pm2App[]>();
  for (const app of apps) {
    const list = byName.get(app.name) ?? [];
    list.push(app);
    byName.set(app.name, list);
  }
  const expectedSet = new Set(expected);
  const verdicts: AppVerdict[] = [];
  for (const [name, instances] of byName) {
    const problems = instances.flatMap((i) => instanceProblems(i, thresholds));
    const restarts = instances.reduce((sum, i) => sum + i.restarts, 0);
    const before = previous?.[name]?.restarts;
    // A count lower than last time means PM2 was reset (delete/start, daemon restart): all are new.
    const since = before === undefined ? undefined : restarts >= before ? restarts - before : restarts;
    const judged = since ?? restarts;
    if (judged > thresholds.maxRestarts) {
      problems.push({
        kind: "restarts",
        status: since === undefined ? "warn" : "fail",
        message:
          since === undefined
            ? `${name} restarted ${restarts} times in total (> max-restarts ${thresholds.maxRestarts}; no previous run to compare)`
            : `${name} restarted ${since} times since the last run (> max-restarts ${thresholds.maxRestarts})`,
        pmIds: instances.map((i) => i.pmId),
      });
    }
    if (expectedSet.size > 0 && !expectedSet.has(name)) {
      problems.push({
        kind: "unexpected",
        status: "warn",
        message: `${name} runs but is not expected (not in apps or the ecosystem file)`,
        pmIds: instances.map((i) => i.pmId),
      });
    }
    verdicts.push(verdictFor(name, instances, problems, restarts, since));
  }
  for (const name of expected) {
    if (byName.has(name)) continue;
    const problem: Problem = {
      kind: "missing",
      status: "fail",
      message: `${name} is expected but not in PM2's process list`,
      pmIds: [],
    };
    verdicts.push(verdictFor(name, [], [problem], 0, undefined));
  }
  return verdicts.sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : 0));
}

function verdictFor(
  name: string,
  instances: Pm2App[],
  problems: Problem[],
  restarts: number,
  since: number | undefined,
): AppVerdict {
  const status = worstStatus(problems.map((p) => p.status));
  const metrics: Record<string, number> = { instances: instances.length, restarts };
  if (since !== undefined) metrics.restartsSinceLastRun = since;
  const unstable = instances.reduce((s, i) => s + i.unstableRestarts, 0);
  metrics.unstableRestarts = unstable;
  const memory = instances.reduce((s, i) => s + (i.memoryBytes ?? 0), 0);
  if (instances.some((i) => i.memoryBytes !== undefined)) metrics.memoryBytes = memory;
  const uptimes = instances.map((i) => i.uptimeMs).filter((u): u is number => u !== undefined);
  if (uptimes.length > 0) metrics.uptimeMs = Math.min(...uptimes);
  const cpu = instances.map((i) => i.cpuPercent).filter((c): c is number => c !== undefined);
  if (cpu.length > 0) metrics.cpuPercent = cpu.reduce((s, c) => s + c, 0);
  const worst = problems.filter((p) => p.status === status);
  const summary =
    problems.length === 0
      ? `${name}: online (${instances.length} instance${instances.length === 1 ? "" : "s"}, ${restarts} restarts)`
      : worst.map((p) => p.message).join("; ");
  return { app: name, status, summary, problems, instances, restarts, restartsSinceLastRun: since, metrics };
}

/** The memory the next run compares against. */
export function nextHostState(verdicts: readonly AppVerdict[], now: Date): Record<string, AppState> {
  const out: Record<string, AppState> = {};
  for (const v of verdicts) {
    if (v.instances.length === 0) continue;
    out[v.app] = { restarts: v.restarts, checkedAt: now.toISOString() };
  }
  return out;
}

/** True when the verdict has a problem that a restart or re-creation may fix. */
export function needsRecovery(verdict: AppVerdict): boolean {
  return verdict.problems.some((p) => p.status === "fail" && RECOVERABLE.has(p.kind));
}

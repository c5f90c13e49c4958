/** The one result shape every check returns (see docs/ARCHITECTURE.md). */
export type Status = "ok" | "warn" | "fail" | "unknown";

export type CheckKind = "validate" | "pm2" | "netlify" | "workflow" | "backup";

export interface RecoveryStep {
  action: string;
  ok: boolean;
  detail: string;
}

export interface CheckResult {
  /** Stable key such as "pm2/web-1/api" or "workflow/ci.yml". */
  id: string;
  kind: CheckKind;
  status: Status;
  /** One line a person reads first. */
  summary: string;
  /** Redacted evidence: error lines, findings, API messages. */
  details: string[];
  metrics?: Record<string, number>;
  recovery?: RecoveryStep[];
}

const SEVERITY: Record<Status, number> = { ok: 0, unknown: 1, warn: 2, fail: 3 };

/** The worst status of a list; an empty list is "ok". */
export function worstStatus(statuses: Iterable<Status>): Status {
  let worst: Status = "ok";
  for (const status of statuses) {
    if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  }
  return worst;
}

import { closestMatch } from "../../common/edit-distance.js";

/** The documented properties of GitHub's expression contexts (docs: "Contexts reference"). */

export const GITHUB_PROPERTIES = new Set([
  "action",
  "action_path",
  "action_ref",
  "action_repository",
  "action_status",
  "actor",
  "actor_id",
  "api_url",
  "base_ref",
  "env",
  "event",
  "event_name",
  "event_path",
  "graphql_url",
  "head_ref",
  "job",
  "output",
  "path",
  "ref",
  "ref_name",
  "ref_protected",
  "ref_type",
  "repository",
  "repository_id",
  "repository_owner",
  "repository_owner_id",
  "repositoryurl",
  "retention_days",
  "run_attempt",
  "run_id",
  "run_number",
  "secret_source",
  "server_url",
  "sha",
  "state",
  "step_summary",
  "token",
  "triggering_actor",
  "workflow",
  "workflow_ref",
  "workflow_sha",
  "workspace",
]);

export const RUNNER_PROPERTIES = new Set([
  "name",
  "os",
  "arch",
  "temp",
  "tool_cache",
  "debug",
  "environment",
  "workspace",
]);
export const STRATEGY_PROPERTIES = new Set(["fail-fast", "job-index", "job-total", "max-parallel"]);
export const JOB_PROPERTIES = new Set(["container", "services", "status", "check_run_id"]);
export const JOB_CONTAINER_PROPERTIES = new Set(["id", "network"]);
export const JOB_SERVICE_PROPERTIES = new Set(["id", "network", "ports"]);
export const STEP_PROPERTIES = new Set(["outputs", "outcome", "conclusion"]);
export const NEEDS_PROPERTIES = new Set(["outputs", "result"]);

/** The closest known name, when one is close enough to be a likely typo. */
export function didYouMean(name: string, known: Iterable<string>): string | undefined {
  return closestMatch(name, known, Math.max(1, Math.min(3, Math.floor(name.length / 3))), (t) => t.toLowerCase());
}

/** "did you mean "x"?" or a list of the known names (at most 10). */
export function suggestion(name: string, known: Iterable<string>): string | undefined {
  const names = [...known];
  const close = didYouMean(name, names);
  if (close) return `did you mean "${close}"?`;
  if (names.length === 0) return undefined;
  const shown = names.slice(0, 10).map((n) => `"${n}"`);
  return `known: ${shown.join(", ")}${names.length > 10 ? ", ..." : ""}`;
}

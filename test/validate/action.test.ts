/** The validate bundle run the way the runner runs it: node24, INPUT_* from action.yml, real files. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAction } from "../harness/run-action.js";

const CLEAN = `on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo hello
`;
const BROKEN = `on: pushh
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo hello
`;

function workspaceWith(root: string, files: Record<string, string>): string {
  const workspace = join(root, "ws");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(workspace, path, ".."), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  return workspace;
}

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "redundancy-validate-action-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test("findings become annotations, a summary table, outputs, a SARIF file and exit 1", async () => {
  const dir = freshDir();
  const workspace = workspaceWith(dir, {
    ".github/workflows/ci.yml": CLEAN,
    ".github/workflows/broken.yml": BROKEN,
  });
  const result = await runAction("validate", {
    node: "24",
    env: { GITHUB_WORKSPACE: workspace },
    cwd: workspace,
    inputs: { "sarif-file": "out.sarif", shellcheck: "false" },
  });
  expect(result.exitCode).toBe(1);
  expect(result.outputs.errors).toBe("1");
  expect(result.outputs.warnings).toBe("0");
  expect(result.outputs["sarif-file"]).toBe(join(workspace, "out.sarif"));
  const sarif = JSON.parse(readFileSync(join(workspace, "out.sarif"), "utf8"));
  expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
    ".github/workflows/broken.yml",
  );
  const findings = result.annotations.filter((a) => a.title === "[schema]");
  expect(findings).toEqual([
    expect.objectContaining({
      level: "error",
      file: ".github/workflows/broken.yml",
      line: 1,
      col: 5,
      message: expect.stringContaining('unknown event "pushh"'),
    }),
  ]);
  expect(result.summary).toContain("| File | Line | Rule | Severity | Message |");
  expect(result.summary).toContain("| .github/workflows/broken.yml | 1 | schema | error |");
  expect(result.stdout).toContain(".github/workflows/broken.yml:1:5: unknown event");
});

test("a clean workspace passes with zero counts and no SARIF unless asked", async () => {
  const dir = freshDir();
  const workspace = workspaceWith(dir, { ".github/workflows/ci.yml": CLEAN });
  const result = await runAction("validate", {
    env: { GITHUB_WORKSPACE: workspace },
    cwd: workspace,
    inputs: { shellcheck: "false" },
  });
  expect(result.exitCode).toBe(0);
  expect(result.outputs).toMatchObject({ errors: "0", warnings: "0" });
  expect(result.outputs["sarif-file"]).toBeUndefined();
  expect(existsSync(join(workspace, "redundancy-validate.sarif"))).toBe(false);
});

test("fail-on never keeps the step green; bad inputs fail it with a clear message", async () => {
  const dir = freshDir();
  const workspace = workspaceWith(dir, { "w/broken.yml": BROKEN });
  const never = await runAction("validate", {
    env: { GITHUB_WORKSPACE: workspace },
    cwd: workspace,
    inputs: { paths: "w/broken.yml", "fail-on": "never", format: "sarif", shellcheck: "false" },
  });
  expect(never.exitCode).toBe(0);
  expect(never.outputs.errors).toBe("1");
  expect(never.outputs["sarif-file"]).toBe(join(workspace, "redundancy-validate.sarif"));

  const badInput = await runAction("validate", {
    env: { GITHUB_WORKSPACE: workspace },
    cwd: workspace,
    inputs: { "fail-on": "sometimes" },
  });
  expect(badInput.exitCode).toBe(1);
  expect(badInput.commands.find((c) => c.command === "error")?.message).toContain("fail-on");

  const missing = await runAction("validate", {
    env: { GITHUB_WORKSPACE: workspace },
    cwd: workspace,
    inputs: { paths: "nope.yml" },
  });
  expect(missing.exitCode).toBe(1);
  expect(missing.commands.find((c) => c.command === "error")?.message).toContain("no such file or folder: nope.yml");
});

import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleWithNcc } from "./ncc-bundle.js";
import { REPO_ROOT } from "./node-runtime.js";
import { runAction, runCli } from "./run-action.js";

const FIXTURE = join(REPO_ROOT, "test", "harness", "fixture-action");
let actionDir: string;

beforeAll(async () => {
  actionDir = mkdtempSync(join(tmpdir(), "redundancy-fixture-action-"));
  copyFileSync(join(FIXTURE, "action.yml"), join(actionDir, "action.yml"));
  await bundleWithNcc(join(FIXTURE, "src", "index.ts"), join(actionDir, "dist"));
});

afterAll(() => {
  rmSync(actionDir, { recursive: true, force: true });
});

describe.each([
  ["current", `${process.version.split(".")[0]}.`],
  ["24", "v24."],
] as const)("the fixture action under Node %s", (node, versionPrefix) => {
  test("inputs and defaults arrive; outputs, state, env, summary and annotations come back; post sees the state", async () => {
    const result = await runAction("fixture", { actionDir, node, inputs: { who: "Ada" } });

    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.outputs["node-version"].startsWith(versionPrefix)).toBe(true);
    expect(result.outputs.message).toBe("hello, Ada!");
    expect(result.outputs.retries).toBe("3");
    expect(result.outputs.lines).toBe("first line\nsecond: Ada\nthird");
    expect(result.state).toEqual({ isPost: "true", greeted: "Ada" });
    expect(result.env).toEqual({ FIXTURE_GREETED: "Ada" });
    expect(result.summary).toContain("<h1>Fixture</h1>");
    expect(result.summary).toContain("hello, Ada!");
    expect(result.annotations).toEqual([
      {
        level: "warning",
        message: "greeted Ada, 100% sure: yes",
        file: "src/greet.ts",
        line: 7,
        col: 3,
        title: "a, b",
      },
    ]);

    expect(result.post).toBeDefined();
    expect(result.post?.exitCode).toBe(0);
    expect(result.post?.outputs).toEqual({ "post-saw": "Ada" });
    expect(result.post?.annotations).toEqual([{ level: "notice", message: "post saw Ada with FIXTURE_GREETED=Ada" }]);
    expect(result.post?.summary).toBe("post step for Ada\n");
    expect(existsSync(result.files.root)).toBe(false);
  });

  test("setFailed gives exit code 1 with an error annotation, and the post step still runs", async () => {
    const result = await runAction("fixture", { actionDir, node, inputs: { who: "Bob", greeting: "hi", fail: true } });

    expect(result.exitCode).toBe(1);
    expect(result.outputs.message).toBe("hi, Bob!");
    expect(result.annotations.map((a) => [a.level, a.message])).toEqual([
      ["warning", "greeted Bob, 100% sure: yes"],
      ["error", "failing for Bob as asked"],
    ]);
    expect(result.post?.exitCode).toBe(0);
    expect(result.post?.outputs["post-saw"]).toBe("Bob");
  });
});

test("a missing required input fails the action with the input's name, and post: false skips the post step", async () => {
  const result = await runAction("fixture", { actionDir, post: false });
  expect(result.exitCode).toBe(1);
  expect(result.annotations).toEqual([{ level: "error", message: "Input required and not supplied: who" }]);
  expect(result.post).toBeUndefined();
});

test("the runner's environment: workspace as cwd, RUNNER_TEMP, event payload, INPUT_ names with hyphens kept", async () => {
  const dir = mkdtempSync(join(tmpdir(), "redundancy-env-action-"));
  try {
    writeFileSync(
      join(dir, "action.yml"),
      [
        "name: env probe",
        "description: prints what the runner gave it",
        "inputs:",
        "  retry-count: { default: 3 }",
        "  Max Size: { default: 512M }",
        "  token: { default: '${{ github.token }}' }",
        "runs: { using: node24, main: probe.mjs }",
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(dir, "probe.mjs"),
      [
        'import { appendFileSync, readFileSync } from "node:fs";',
        "const keys = Object.keys(process.env).filter((k) => k.startsWith('INPUT_')).sort();",
        "const out = { keys, retry: process.env['INPUT_RETRY-COUNT'], size: process.env.INPUT_MAX_SIZE,",
        "  token: process.env.INPUT_TOKEN, cwd: process.cwd(), ws: process.env.GITHUB_WORKSPACE,",
        "  temp: process.env.RUNNER_TEMP, os: process.env.RUNNER_OS, ci: process.env.CI, gha: process.env.GITHUB_ACTIONS,",
        "  event: JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8')), extra: process.env.INPUT_EXTRA };",
        "appendFileSync(process.env.GITHUB_OUTPUT, 'probe=' + JSON.stringify(out) + '\\n');",
        "appendFileSync(process.env.GITHUB_PATH, '/opt/probe/bin\\n');",
        "",
      ].join("\n"),
    );
    // An enclosing runner's variables must not reach the action.
    process.env.INPUT_LEAKED = "from the outer runner";
    const result = await runAction("probe", {
      actionDir: dir,
      inputs: { extra: "x" },
      env: { GITHUB_TOKEN: "ghs_harness" },
      event: { name: "push", payload: { ref: "refs/heads/main" } },
      keepTemp: true,
    });
    expect(result.exitCode).toBe(0);
    const probe: unknown = JSON.parse(result.outputs.probe);
    expect(probe).toEqual({
      keys: ["INPUT_EXTRA", "INPUT_MAX_SIZE", "INPUT_RETRY-COUNT", "INPUT_TOKEN"],
      retry: "3",
      size: "512M",
      token: "ghs_harness",
      cwd: result.files.workspace,
      ws: result.files.workspace,
      temp: result.files.runnerTemp,
      os: "Linux",
      ci: "true",
      gha: "true",
      event: { ref: "refs/heads/main" },
      extra: "x",
    });
    expect(result.path).toEqual(["/opt/probe/bin"]);
    expect(existsSync(result.files.main.output)).toBe(true);
    rmSync(result.files.root, { recursive: true, force: true });
  } finally {
    delete process.env.INPUT_LEAKED;
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an action that hangs is killed at the timeout and reported, not waited out", async () => {
  const dir = mkdtempSync(join(tmpdir(), "redundancy-hang-action-"));
  try {
    writeFileSync(
      join(dir, "action.yml"),
      "name: hang\ndescription: never ends\nruns: { using: node24, main: hang.mjs }\n",
    );
    writeFileSync(join(dir, "hang.mjs"), "console.log('started'); setInterval(() => {}, 1000);\n");
    await expect(runAction("hang", { actionDir: dir, timeoutMs: 1500 })).rejects.toThrow(
      /hang main did not finish within 1500 ms\nstdout:\nstarted/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("runCli runs bin/redundancy.js and returns its exit code and streams", async () => {
  const version = await runCli(["--version"]);
  expect(version.exitCode).toBe(0);
  expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  const unknown = await runCli(["no-such-command"], { node: "24" });
  expect(unknown.exitCode).toBe(2);
  expect(unknown.stderr).toContain("unknown command 'no-such-command'");
});

/** `redundancy validate` through the CLI's main(): formats, exit codes 0/1/2, config settings. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";

let dir: string;
const BROKEN = "on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n";
const CLEAN =
  "on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "redundancy-validate-cli-"));
  mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
  mkdirSync(join(dir, "other"), { recursive: true });
  writeFileSync(join(dir, ".github", "workflows", "ci.yml"), CLEAN);
  writeFileSync(join(dir, "other", "broken.yml"), BROKEN);
  writeFileSync(
    join(dir, "ignoring.yml"),
    "validate:\n  ignore:\n    - path: other/*.yml\n      rules: [schema]\n  shellcheck: false\n",
  );
  writeFileSync(join(dir, "bad-config.yml"), "validate:\n  disable: 3\n  bogus: true\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(["validate", ...argv], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    env: {},
    cwd: dir,
  });
  return { code, stdout, stderr };
}

test("clean default paths exit 0 and print nothing", async () => {
  const r = await cli();
  expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
});

test("findings exit 1 in text with a snippet, no colour off a terminal", async () => {
  const r = await cli("other/broken.yml");
  expect(r.code).toBe(1);
  expect(r.stdout.split("\n").slice(0, 4)).toEqual([
    'other/broken.yml:1:5: unknown event "pushh" [schema]',
    "  |",
    "1 | on: pushh",
    "  |     ^",
  ]);
  expect(r.stdout).not.toContain("\u001b[");
  expect(r.stderr).toBe("1 error, 0 warnings in 1 file\n");
});

test("json, sarif and github formats print only their format on stdout", async () => {
  const json = await cli("other/broken.yml", "--format", "json");
  expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ file: "other/broken.yml", rule: "schema" })]);
  const sarif = await cli("other/broken.yml", "--format", "sarif");
  expect(JSON.parse(sarif.stdout).version).toBe("2.1.0");
  const github = await cli("other/broken.yml", "--format", "github");
  expect(github.stdout).toMatch(/^::error file=other\/broken.yml,line=1,col=5,title=\[schema\]::/);
});

test("--rule selects rules; --fail-on never exits 0", async () => {
  expect((await cli("other/broken.yml", "--rule", "syntax")).code).toBe(0);
  expect((await cli("other/broken.yml", "--fail-on", "never")).code).toBe(0);
});

test("the config's validate section applies (per-path ignore)", async () => {
  const r = await cli("other/broken.yml", "--config", "ignoring.yml");
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("");
});

test("usage and configuration errors exit 2 with a message", async () => {
  const badFormat = await cli("--format", "xml");
  expect(badFormat.code).toBe(2);
  expect(badFormat.stderr).toContain("--format must be one of text, json, sarif, github");
  const badRule = await cli("--rule", "nope");
  expect(badRule.code).toBe(2);
  expect(badRule.stderr).toContain("unknown rule 'nope'");
  const missing = await cli("missing.yml");
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("no such file or folder: missing.yml");
  const badConfig = await cli("--config", "bad-config.yml");
  expect(badConfig.code).toBe(2);
  expect(badConfig.stderr).toContain("bad-config.yml");
});

test("dogfood: the validate action's own action.yml is clean, and the pre-commit hook runs this command", async () => {
  const { readFileSync } = await import("node:fs");
  const { parse } = await import("yaml");
  const repo = process.cwd();
  let stdout = "";
  const code = await main(["validate", "actions/validate/action.yml"], {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    isTTY: false,
    env: {},
    cwd: repo,
  });
  expect({ code, stdout }).toEqual({ code: 0, stdout: "" });
  const hooks = parse(readFileSync(".pre-commit-hooks.yaml", "utf8")) as { id: string; entry: string; files: string }[];
  expect(hooks[0]).toMatchObject({ id: "redundancy-validate", entry: "redundancy validate" });
  const files = new RegExp(hooks[0]?.files ?? "$^");
  expect(files.test(".github/workflows/ci.yml")).toBe(true);
  expect(files.test("actions/validate/action.yml")).toBe(true);
  expect(files.test("src/config/schema.yml")).toBe(false);
});

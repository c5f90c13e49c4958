import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MappingToken, StringToken } from "@actions/workflow-parser/templates/tokens/index";
import { documentKind, validateFiles, validateSource } from "../../src/validate/engine.js";
import { resolveFiles } from "../../src/validate/files.js";
import { createLocalLookups } from "../../src/validate/lookups-local.js";
import { findingsToCheckResults } from "../../src/validate/results.js";
import { check } from "../../src/validate/check.js";
import type { Rule } from "../../src/validate/rule.js";
import { ALL_RULES } from "../../src/validate/rules/index.js";
import { schemaRule } from "../../src/validate/rules/rule-schema.js";
import { syntaxRule } from "../../src/validate/rules/rule-syntax.js";
import { ConfigurationError } from "../../src/common/errors.js";

const WORKFLOW = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo one
      - uses: ./local
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo two
`;

/** A rule that records the hooks it sees, in order. */
function recorder(calls: string[]): Rule {
  return {
    id: "recorder",
    description: "records hooks",
    severity: "warning",
    workflow: () => calls.push("workflow"),
    action: () => calls.push("action"),
    job: (_ctx, job) => calls.push(`job:${job.id}`),
    step: (_ctx, step) => calls.push(`step:${step.job?.id ?? "-"}:${step.index}`),
    end: () => calls.push("end"),
  };
}

/** Reports every `run:` step at its `run` value. */
const runReporter: Rule = {
  id: "run-reporter",
  description: "reports run steps",
  severity: "warning",
  step(ctx, step) {
    const run = step.token.find("run");
    if (run instanceof StringToken) ctx.report(run, `run: ${run.value}`);
  },
};

describe("validateSource", () => {
  test("calls workflow, job, step and end hooks in document order", () => {
    const calls: string[] = [];
    validateSource("ci.yml", WORKFLOW, { rules: [recorder(calls)] });
    expect(calls).toEqual(["workflow", "job:build", "step:build:0", "step:build:1", "job:test", "step:test:0", "end"]);
  });

  test("action.yml gets the action hook and composite steps without a job", () => {
    const calls: string[] = [];
    const action = `name: a\ndescription: b\nruns:\n  using: composite\n  steps:\n    - run: echo a\n      shell: bash\n    - run: echo b\n      shell: bash\n`;
    validateSource("sub/action.yml", action, { rules: [recorder(calls)] });
    expect(calls).toEqual(["action", "step:-:0", "step:-:1", "end"]);
    expect(documentKind("x/action.yaml")).toBe("action");
    expect(documentKind(".github/workflows/action.yml.bak")).toBe("workflow");
  });

  test("findings carry the rule id, severity and the token position", () => {
    const findings = validateSource("ci.yml", WORKFLOW, { rules: [runReporter] });
    expect(findings).toEqual([
      { file: "ci.yml", line: 6, column: 14, rule: "run-reporter", severity: "warning", message: "run: echo one" },
      { file: "ci.yml", line: 11, column: 14, rule: "run-reporter", severity: "warning", message: "run: echo two" },
    ]);
  });

  test("a rule that throws becomes an [internal] finding naming it; other rules still run", () => {
    const broken: Rule = {
      id: "broken",
      description: "throws",
      severity: "error",
      job() {
        throw new Error("boom\nsecond line");
      },
    };
    const findings = validateSource("ci.yml", WORKFLOW, { rules: [broken, runReporter] });
    const internal = findings.filter((f) => f.rule === "internal");
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({ line: 3, column: 3, message: 'rule "broken" crashed: boom' });
    expect(findings.filter((f) => f.rule === "run-reporter")).toHaveLength(2);
  });

  test("disable comments: next-line, same line with ids, and no id for every rule", () => {
    const text = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      # redundancy-disable-next-line run-reporter
      - run: echo one
      - run: echo two # redundancy-disable-line other-rule, run-reporter
      - run: echo three # redundancy-disable-line other-rule
      - run: echo four # redundancy-disable-line
`;
    const findings = validateSource("ci.yml", text, { rules: [runReporter] });
    expect(findings.map((f) => f.message)).toEqual(["run: echo three"]);
  });

  test("per-path ignores, disabled rules and --rule selection", () => {
    const rules = [runReporter, syntaxRule];
    expect(validateSource("a/ci.yml", WORKFLOW, { rules, ignore: ["a/*.yml"] })).toEqual([]);
    expect(
      validateSource("a/ci.yml", WORKFLOW, { rules, ignore: [{ path: "a/**", rules: ["run-reporter"] }] }),
    ).toEqual([]);
    expect(validateSource("b/ci.yml", WORKFLOW, { rules, ignore: [{ path: "a/**" }] })).toHaveLength(2);
    expect(validateSource("ci.yml", WORKFLOW, { rules, settings: { disabledRules: ["run-reporter"] } })).toEqual([]);
    expect(validateSource("ci.yml", "on: [", { rules, only: ["run-reporter"] })).toEqual([]);
    expect(validateSource("ci.yml", "on: [", { rules, only: ["syntax"] })).toHaveLength(1);
  });

  test("the root token handed to rules is the document mapping", () => {
    let seen: MappingToken | undefined;
    const rule: Rule = { id: "root", description: "root", severity: "error", workflow: (_c, root) => (seen = root) };
    validateSource("ci.yml", WORKFLOW, { rules: [rule] });
    expect(seen?.find("jobs")).toBeInstanceOf(MappingToken);
  });

  test("every rules/rule-<id>.ts file is registered under its id", () => {
    const files = readdirSync("src/validate/rules").filter((f) => /^rule-.+\.ts$/.test(f));
    const ids = new Set(ALL_RULES.map((r) => r.id));
    expect(files.map((f) => f.replace(/^rule-|\.ts$/g, "")).filter((id) => !ids.has(id))).toEqual([]);
  });

  test("the registry has the parser rules and unique ids", () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(["schema", "syntax"]));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  test("schema errors and syntax errors are findings at their positions", () => {
    const rules = [schemaRule, syntaxRule];
    const text = "on: push\njobs:\n  a:\n    steps: []\n  b:\n    runs-on: x\n    runs-on: y\n    bogus: 1\n";
    const findings = validateSource("ci.yml", text, { rules });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.rule} ${f.message}`)).toEqual([
      '3:3 schema missing required key "runs-on" in job "a"',
      '7:5 syntax key "runs-on" is duplicated in this mapping',
      '8:5 schema unexpected key "bogus" in job "b"',
    ]);
  });
});

describe("files, lookups and results on a real folder", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "redundancy-validate-"));
    mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
    mkdirSync(join(dir, ".github", "actions", "hello"), { recursive: true });
    mkdirSync(join(dir, "node_modules", "dep"), { recursive: true });
    mkdirSync(join(dir, "dist", "x"), { recursive: true });
    writeFileSync(join(dir, ".github", "workflows", "ci.yml"), WORKFLOW);
    writeFileSync(join(dir, ".github", "workflows", "bad.yaml"), "on: [\n");
    writeFileSync(join(dir, ".github", "workflows", "notes.txt"), "not a workflow");
    writeFileSync(
      join(dir, ".github", "workflows", "callee.yml"),
      `on:\n  workflow_call:\n    inputs:\n      env:\n        type: string\n        required: true\n      level:\n        type: number\n        required: true\n        default: 1\n    secrets:\n      token:\n        required: true\n    outputs:\n      url:\n        value: x\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`,
    );
    writeFileSync(
      join(dir, ".github", "actions", "hello", "action.yml"),
      `name: hello\ndescription: d\ninputs:\n  who:\n    required: true\n  greeting:\n    required: true\n    default: hi\n  old:\n    deprecationMessage: gone\noutputs:\n  said:\n    description: x\nruns:\n  using: node20\n  main: index.js\n`,
    );
    writeFileSync(join(dir, "node_modules", "dep", "action.yml"), "name: dep\n");
    writeFileSync(join(dir, "dist", "x", "action.yml"), "name: built\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("default paths: workflows and action.yml files, skipping node_modules and dist", () => {
    expect(resolveFiles([], dir)).toEqual([
      ".github/actions/hello/action.yml",
      ".github/workflows/bad.yaml",
      ".github/workflows/callee.yml",
      ".github/workflows/ci.yml",
    ]);
  });

  test("a folder, a glob and a single file", () => {
    expect(resolveFiles([".github/workflows"], dir)).toEqual([
      ".github/workflows/bad.yaml",
      ".github/workflows/callee.yml",
      ".github/workflows/ci.yml",
    ]);
    expect(resolveFiles(["**/*.yaml"], dir)).toEqual([".github/workflows/bad.yaml"]);
    expect(resolveFiles([".github/workflows/ci.yml"], dir)).toEqual([".github/workflows/ci.yml"]);
    expect(resolveFiles(["nothing/*.yml"], dir)).toEqual([]);
    expect(() => resolveFiles(["missing.yml"], dir)).toThrow(ConfigurationError);
    expect(() => resolveFiles(["missing.yml"], dir)).toThrow("missing.yml");
  });

  test("local action metadata and reusable workflow interfaces come from disk", () => {
    const lookups = createLocalLookups({
      root: dir,
      remote: (uses) => (uses === "a/b@v1" ? { inputs: {}, outputs: ["o"] } : undefined),
    });
    expect(lookups.actionMetadata("./.github/actions/hello")).toEqual({
      inputs: { who: { required: true }, greeting: { required: false }, old: { required: false, deprecated: true } },
      outputs: ["said"],
      runs: "node20",
    });
    expect(lookups.actionMetadata("./.github/actions/missing")).toBeUndefined();
    expect(lookups.actionMetadata("a/b@v1")).toEqual({ inputs: {}, outputs: ["o"] });
    expect(lookups.actionMetadata("c/d@v1")).toBeUndefined();
    expect(lookups.reusableWorkflow("./.github/workflows/callee.yml")).toEqual({
      inputs: { env: { required: true, type: "string" }, level: { required: false, type: "number" } },
      secrets: { token: { required: true } },
      outputs: ["url"],
    });
    expect(lookups.reusableWorkflow("./.github/workflows/ci.yml")).toBeUndefined();
    expect(lookups.reusableWorkflow("./.github/workflows/none.yml")).toBeUndefined();
  });

  test("validateFiles reads each file, sorts findings, and results become one CheckResult per file", async () => {
    const files = resolveFiles([], dir);
    const result = await validateFiles(files, { root: dir, rules: [syntaxRule, runReporter] });
    expect(result.files).toEqual(files);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      ".github/workflows/bad.yaml:2 syntax",
      ".github/workflows/callee.yml:21 run-reporter",
      ".github/workflows/ci.yml:6 run-reporter",
      ".github/workflows/ci.yml:11 run-reporter",
    ]);
    expect(result.sources.get(".github/workflows/ci.yml")).toBe(WORKFLOW);
    const checks = findingsToCheckResults(result.files, result.findings);
    expect(checks.map((c) => [c.id, c.kind, c.status])).toEqual([
      ["validate/.github/actions/hello/action.yml", "validate", "ok"],
      ["validate/.github/workflows/bad.yaml", "validate", "fail"],
      ["validate/.github/workflows/callee.yml", "validate", "warn"],
      ["validate/.github/workflows/ci.yml", "validate", "warn"],
    ]);
    expect(checks[3]?.details).toEqual([
      ".github/workflows/ci.yml:6:14: run: echo one [run-reporter]",
      ".github/workflows/ci.yml:11:14: run: echo two [run-reporter]",
    ]);
    expect(checks[3]?.metrics).toEqual({ errors: 0, warnings: 2 });
  });
});

describe("check() for the sync-health cycle", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "redundancy-validate-check-"));
    mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
    writeFileSync(
      join(dir, ".github", "workflows", "ok.yml"),
      "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n",
    );
    writeFileSync(join(dir, ".github", "workflows", "bad.yml"), "on: pushh\njobs: {}\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("one result per file with the config's settings", async () => {
    const { parseConfig } = await import("../../src/config/index.js");
    const config = parseConfig("validate:\n  shellcheck: false\n", {
      file: "r.yml",
      absolutePath: join(dir, "r.yml"),
      exists: true,
      env: {},
    }).settings.validate;
    const results = await check({ root: dir, config });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ["validate/.github/workflows/bad.yml", "fail"],
      ["validate/.github/workflows/ok.yml", "ok"],
    ]);
    expect(results[0]?.details[0]).toBe('.github/workflows/bad.yml:1:5: unknown event "pushh" [schema]');
  });
});

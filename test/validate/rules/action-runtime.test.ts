import { spawnSync } from "node:child_process";
import { actionRuntimeRule } from "../../../src/validate/rules/rule-action-runtime.js";
import { outdatedRuntime, remoteRuntime, runtimeAtMajor } from "../../../src/validate/metadata/runtimes.js";
import { lint } from "./harness.js";

function wf(uses: string): string {
  return `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n`;
}

describe("[action-runtime]", () => {
  test("node12 and node16 actions are errors naming the first current major", () => {
    const [v2] = lint(actionRuntimeRule, wf("actions/checkout@v2"));
    expect(v2?.severity).toBe("error");
    expect(v2?.message).toContain("runs on node12");
    expect(v2?.message).toContain("actions/checkout@v5 is the first major");
    const [v3] = lint(actionRuntimeRule, wf("actions/checkout@v3.6.0"));
    expect(v3?.message).toContain("runs on node16");
    expect(v3?.severity).toBe("error");
  });

  test("node20 actions are warnings", () => {
    const [finding] = lint(actionRuntimeRule, wf("actions/setup-node@v4"));
    expect(finding?.severity).toBe("warning");
    expect(finding?.message).toContain("actions/setup-node@v5 is the first major");
  });

  test.each([
    "actions/checkout@v5",
    "actions/checkout@main",
    "codecov/codecov-action@v5",
    "docker://alpine:3",
    "${{ inputs.a }}",
  ])("%s is not reported", (uses) => expect(lint(actionRuntimeRule, wf(uses))).toEqual([]));

  test("the API or disk metadata wins over the data set, so a pinned SHA is checked too", () => {
    const sha = "actions/checkout@" + "a".repeat(40);
    const lookups = { actionMetadata: () => ({ inputs: {}, outputs: [], runs: "node16" }) };
    const [finding] = lint(actionRuntimeRule, wf(sha), { lookups });
    expect(finding?.message).toContain("runs on node16");
    expect(finding?.message).toContain("no major of actions/checkout known");
  });

  test("a local action names its action.yml fix", () => {
    const lookups = { actionMetadata: () => ({ inputs: {}, outputs: [], runs: "node12" }) };
    const [finding] = lint(actionRuntimeRule, wf("./.github/actions/old"), { lookups });
    expect(finding?.message).toBe(
      'local action "./.github/actions/old" runs on node12: Node.js 12 was removed from GitHub-hosted runners in 2023',
    );
    expect(finding?.hint).toContain('"using: node24"');
  });

  test("the policy and the bundled table", () => {
    expect(outdatedRuntime("node24")).toBeUndefined();
    expect(outdatedRuntime("composite")).toBeUndefined();
    expect(outdatedRuntime("Node16")?.severity).toBe("error");
    expect(remoteRuntime("actions/cache@v2.1.7")).toEqual({ using: "node12", firstCurrentMajor: "v5" });
    expect(remoteRuntime("actions/cache@feature")).toBeUndefined();
    expect(runtimeAtMajor("Actions/Checkout", "v4")).toEqual({ using: "node20", firstCurrentMajor: "v5" });
  });
});

describe("the generator's runtime table", () => {
  function runtimesOf(actions: unknown, facts: unknown): { stdout: string; stderr: string; status: number | null } {
    const code = `import("./scripts/gen-action-metadata.mjs").then((m) => {
      try { console.log(JSON.stringify(m.runtimesOf(${JSON.stringify(actions)}, ${JSON.stringify(facts)}))); }
      catch (error) { console.error(error.message); process.exit(1); }
    });`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
    return { stdout: run.stdout, stderr: run.stderr, status: run.status };
  }

  test("merges recorded action.yml runtimes with the facts, majors in order", () => {
    const run = runtimesOf(
      { "a/b@v10": { runs: "node24" }, "a/b@v2": { runs: "node12" } },
      { "a/b": { v3: "node16" } },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ "a/b": { v2: "node12", v3: "node16", v10: "node24" } });
  });

  test("refuses a recorded file that contradicts a fact", () => {
    const run = runtimesOf({ "a/b@v2": { runs: "node20" } }, { "a/b": { v2: "node12" } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('a/b@v2: action.yml says "using: node20" but RUNTIME_FACTS says "node12"');
  });
});

import type { ReusableWorkflowMetadata } from "../../../src/validate/rule.js";
import { reusableWorkflowRule } from "../../../src/validate/rules/rule-reusable-workflow.js";
import { lintLines } from "./harness.js";

const CALLEE: ReusableWorkflowMetadata = {
  inputs: {
    env: { required: true, type: "string" },
    debug: { required: false, type: "boolean" },
    n: { required: false, type: "number" },
  },
  secrets: { key: { required: true } },
  outputs: [],
};
const lookups = {
  reusableWorkflow: (path: string) => (path === "./.github/workflows/deploy.yml" ? CALLEE : undefined),
};

function wf(body: string): string {
  return `on: push\njobs:\n  call:\n    uses: ./.github/workflows/deploy.yml\n${body}`;
}

describe("[reusable-workflow]", () => {
  test("a correct call, with expressions and inherited secrets, is clean", () => {
    const src = wf("    with:\n      env: prod\n      debug: ${{ inputs.debug }}\n      n: 3\n    secrets: inherit\n");
    expect(lintLines(reusableWorkflowRule, src, { lookups })).toEqual([]);
  });

  test("missing required inputs and secrets, unknown names and literal type mismatches", () => {
    const src = wf(
      "    with:\n      debug: 1\n      n: many\n      extra: x\n    secrets:\n      other: ${{ secrets.X }}\n",
    );
    expect(lintLines(reusableWorkflowRule, src, { lookups })).toEqual([
      '4:11: reusable workflow "./.github/workflows/deploy.yml" needs required input "env" [reusable-workflow]',
      '4:11: reusable workflow "./.github/workflows/deploy.yml" needs required secret "key" [reusable-workflow]',
      '6:14: input "debug" of "./.github/workflows/deploy.yml" expects a boolean (true or false) [reusable-workflow]',
      '7:10: input "n" of "./.github/workflows/deploy.yml" expects a number [reusable-workflow]',
      '8:7: reusable workflow "./.github/workflows/deploy.yml" has no input "extra" [reusable-workflow]',
      '10:7: reusable workflow "./.github/workflows/deploy.yml" has no secret "other" [reusable-workflow]',
    ]);
  });

  test("remote and unreadable callees are not guessed at", () => {
    const src = "on: push\njobs:\n  call:\n    uses: ./.github/workflows/missing.yml\n    with:\n      x: 1\n";
    expect(lintLines(reusableWorkflowRule, src, { lookups })).toEqual([]);
  });
});

import { excessivePermissionsRule } from "../../../src/validate/rules/rule-excessive-permissions.js";
import { lintLines } from "./harness.js";

const STEPS = "    steps:\n      - run: echo\n";

describe("[excessive-permissions]", () => {
  test("ordinary triggers are not this rule's business", () => {
    expect(
      lintLines(
        excessivePermissionsRule,
        `on: pull_request\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n${STEPS}`,
      ),
    ).toEqual([]);
  });

  test("pull_request_target with restricted permissions and a base checkout is clean", () => {
    const src = `on: pull_request_target\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - uses: actions/checkout@v4\n`;
    expect(lintLines(excessivePermissionsRule, src)).toEqual([]);
  });

  test("workflow-level write scopes and head checkouts by github.head_ref", () => {
    const src = `on: [pull_request_target]\npermissions:\n  contents: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ github.head_ref }}\n`;
    expect(lintLines(excessivePermissionsRule, src)).toEqual([
      '3:3: workflow-level "contents: write" applies to every job of a workflow triggered by "pull_request_target" [excessive-permissions] (warning)',
      '10:16: checks out the pull request\'s code in a "pull_request_target" workflow, which has secrets and a writable token [excessive-permissions]',
    ]);
  });
});

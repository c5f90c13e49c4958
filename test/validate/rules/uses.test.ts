import { stepUsesProblems, usesRule, workflowUsesProblems } from "../../../src/validate/rules/rule-uses.js";
import { lintLines } from "./harness.js";

describe("[uses]", () => {
  test.each([
    "actions/checkout@v4",
    "actions/cache/restore@v4",
    "github/codeql-action/init@v3",
    "owner/repo@0123456789abcdef0123456789abcdef01234567",
    "owner/repo@feature/branch",
    "./.github/actions/build",
    "docker://alpine",
    "docker://ghcr.io/owner/image:1.2.3",
    "docker://localhost:5000/image:latest",
    "docker://alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d",
  ])("step uses %s is well-formed", (uses) => {
    expect(stepUsesProblems(uses)).toEqual([]);
  });

  test.each([
    ["actions/checkout", 'missing "@ref"'],
    ["actions/checkout@", "empty ref"],
    ["checkout@v4", "not a valid action reference"],
    ["docker://", "needs an image name"],
    ["docker://Ubuntu", "not a valid Docker image"],
  ])("step uses %s is reported", (uses, fragment) => {
    expect(
      stepUsesProblems(uses)
        .map((p) => p.message)
        .join(),
    ).toContain(fragment);
  });

  test.each([
    ["./.github/workflows/ci.yml", undefined],
    ["owner/repo/.github/workflows/ci.yaml@v1", undefined],
    ["./.github/workflows/ci.yml@v1", "cannot have"],
    ["./workflows/ci.yml", "not a workflow file"],
    ["owner/repo/.github/workflows/ci.yml", "missing"],
    ["owner/repo@v1", "not a reusable workflow reference"],
  ])("job uses %s", (uses, fragment) => {
    const problems = workflowUsesProblems(uses).map((p) => p.message);
    if (fragment === undefined) expect(problems).toEqual([]);
    else expect(problems.join()).toContain(fragment);
  });

  test("expressions are not checked; findings sit on the value", () => {
    const src =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout\n      - uses: ${{ matrix.action }}\n";
    expect(lintLines(usesRule, src)).toEqual(['6:15: action "actions/checkout" is missing "@ref" [uses]']);
  });
});

import type { ActionMetadata } from "../../../src/validate/rule.js";
import { actionInputsRule } from "../../../src/validate/rules/rule-action-inputs.js";
import { lint, lintLines } from "./harness.js";

const GREET: ActionMetadata = {
  inputs: { who: { required: true }, greeting: { required: false }, shout: { required: false, deprecated: true } },
  outputs: [],
  runs: "node24",
};

function wf(step: string): string {
  return `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${step}`;
}

const lookups = { actionMetadata: (uses: string) => (uses === "octo/greet@v1" ? GREET : undefined) };

describe("[action-inputs]", () => {
  test("unknown keys get did-you-mean, missing required and deprecated are reported", () => {
    const findings = lint(
      actionInputsRule,
      wf("      - uses: octo/greet@v1\n        with:\n          greting: hi\n          shout: yes\n"),
      { lookups },
    );
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([
      '6:15 error "octo/greet@v1" needs input "who" in "with:"',
      '8:11 error "octo/greet@v1" has no input "greting"',
      '9:11 warning input "shout" of "octo/greet@v1" is deprecated',
    ]);
    expect(findings[1]?.hint).toBe('did you mean "greeting"?');
  });

  test("input names are case-insensitive", () => {
    expect(
      lintLines(actionInputsRule, wf("      - uses: octo/greet@v1\n        with:\n          WHO: me\n"), { lookups }),
    ).toEqual([]);
  });

  test("unknown actions are never guessed at", () => {
    expect(
      lintLines(actionInputsRule, wf("      - uses: octo/other@v1\n        with:\n          anything: 1\n"), {
        lookups,
      }),
    ).toEqual([]);
  });

  test("docker actions accept args and entrypoint", () => {
    const docker: ActionMetadata = { inputs: {}, outputs: [], runs: "docker" };
    const src = wf("      - uses: octo/box@v1\n        with:\n          args: --help\n          entrypoint: /bin/sh\n");
    expect(lintLines(actionInputsRule, src, { lookups: { actionMetadata: () => docker } })).toEqual([]);
  });

  test("with: given as an expression is not checked", () => {
    expect(
      lintLines(actionInputsRule, wf("      - uses: octo/greet@v1\n        with: ${{ fromJSON(inputs.with) }}\n"), {
        lookups,
      }),
    ).toEqual([]);
  });
});

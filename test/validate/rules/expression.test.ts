import { validateSource } from "../../../src/validate/engine.js";
import { expressionRule, formatPlaceholders } from "../../../src/validate/rules/rule-expression.js";
import { lint } from "./expr-harness.js";

const rules = [expressionRule];

function workflow(jobIf: string, stepIf = "success()"): string {
  return [
    "on: push",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-latest",
    `    if: ${jobIf}`,
    "    steps:",
    "      - run: echo",
    `        if: ${stepIf}`,
    "",
  ].join("\n");
}

describe("[expression] bare if: conditions", () => {
  test("a syntax error is located at the offending token", () => {
    expect(lint(workflow("github.ref == 'x' &&"), rules)).toEqual([
      "5:27: invalid \"if:\" condition: Unexpected end of expression: '&&' [expression]",
    ]);
  });

  test("contexts follow the key: steps is fine in a step if, not in a job if", () => {
    expect(lint(workflow("github.ref == 'x'", "steps.a.outputs.b == 'y'"), rules)).toEqual([]);
    expect(lint(workflow("steps.a.outputs.b == 'y'"), rules)).toEqual([
      '5:9: context "steps" is not available in a job "if:" condition [expression]',
    ]);
  });

  test("hashFiles only in steps; unknown functions get a suggestion", () => {
    expect(lint(workflow("hashFiles('x') != ''"), rules)).toEqual([
      '5:9: function "hashFiles" is not available in a job "if:" condition [expression]',
    ]);
    const findings = validateWithHints(workflow("success()", "endWith(github.ref, 'x')"));
    expect(findings).toEqual([
      { line: 8, column: 13, message: 'unknown function "endWith"', hint: 'did you mean "endsWith"?' },
    ]);
  });

  test("quoted and folded conditions map positions into the file", () => {
    expect(lint(workflow("\"github.ref == 'x' || foo.bar\""), rules)).toEqual([
      '5:31: unknown context "foo" in "if:" condition [expression]',
    ]);
    const folded = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    if: >-",
      "      github.ref == 'x' &&",
      "      nope == 1",
      "    steps:",
      "      - run: echo",
      "",
    ].join("\n");
    expect(lint(folded, rules)).toEqual(['7:7: unknown context "nope" in "if:" condition [expression]']);
  });

  test("a condition inside ${{ }} is left to GitHub's parser", () => {
    expect(lint(workflow("${{ foo( }}"), rules)).toEqual([]);
  });
});

describe("[expression] format()", () => {
  test("placeholders are parsed with {{ }} escapes", () => {
    expect(formatPlaceholders("{0} {{x}} {1}{0}")).toEqual([0, 1, 0]);
    expect(formatPlaceholders("{a}")).toBeUndefined();
    expect(formatPlaceholders("x } y")).toBeUndefined();
  });

  test("missing and unused arguments are reported at the call", () => {
    const text = [
      "on: push",
      "env:",
      "  A: ${{ format('{0}{2}', github.sha, github.ref) }}",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: echo",
      "",
    ].join("\n");
    expect(lint(text, rules)).toEqual([
      "3:10: format argument {1} is not used in the format string [expression]",
      "3:10: format string references {2} but only 2 arguments follow it [expression]",
    ]);
  });
});

function validateWithHints(text: string): { line: number; column: number; message: string; hint?: string }[] {
  return validateSource("w.yml", text, { rules, settings: { shellcheck: false } }).map((f) => ({
    line: f.line,
    column: f.column,
    message: f.message,
    ...(f.hint ? { hint: f.hint } : {}),
  }));
}

import { spawnSync } from "node:child_process";
import { blankExpressions, scanExpressions } from "../../../src/validate/expr/scan.js";
import { deprecatedCommandsRule } from "../../../src/validate/rules/rule-deprecated-commands.js";
import { ifAlwaysTrueRule } from "../../../src/validate/rules/rule-if-always-true.js";
import { shellNameRule } from "../../../src/validate/rules/rule-shell-name.js";
import { shellcheckRule, shellKind, touchesExpression } from "../../../src/validate/rules/rule-shellcheck.js";
import { lint } from "./expr-harness.js";

describe("expression scanning", () => {
  test("a quoted }} does not close; an unclosed ${{ is reported as such", () => {
    expect(scanExpressions("a ${{ 'x}}y' }} b ${{ c").map((s) => [s.inner, s.closed])).toEqual([
      [" 'x}}y' ", true],
      [" c", false],
    ]);
  });

  test("blanking keeps length and line breaks", () => {
    const text = 'echo "${{ a }}"\nif ${{\n b }}; then :; fi';
    const blanked = blankExpressions(text);
    expect(blanked.length).toBe(text.length);
    expect(blanked.split("\n").length).toBe(3);
    expect(blanked).not.toContain("${{");
  });
});

describe("[if-always-true], [deprecated-commands], [shell-name]", () => {
  const steps = (lines: string[]): string =>
    [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      ...lines.map((l) => `      ${l}`),
      "",
    ].join("\n");

  test("text around ${{ }} is flagged, whitespace of a block is not", () => {
    const text = steps(["- run: echo", "  if: foo ${{ true }}", "- run: echo", "  if: |", "    ${{ false }}"]);
    expect(lint(text, [ifAlwaysTrueRule])).toEqual([
      '7:13: this "if:" is always true: text outside "${{ }}" makes the value a non-empty string [if-always-true]',
    ]);
  });

  test("deprecated commands are found on their own line of a block script", () => {
    const text = steps(["- run: |", "    echo ok", '    echo "::set-output name=a::b"']);
    expect(lint(text, [deprecatedCommandsRule])).toEqual([
      '8:17: workflow command "::set-output" is deprecated and disabled [deprecated-commands]',
    ]);
  });

  test("shell names: built-ins, {0} templates, expressions left alone", () => {
    const text = steps([
      "- run: echo",
      "  shell: fish",
      "- run: echo",
      "  shell: 'fish {0}'",
      "- run: echo",
      "  shell: Bash",
    ]);
    expect(lint(text, [shellNameRule])).toEqual([
      '7:16: unknown shell "fish" [shell-name]',
      '11:16: unknown shell "Bash" [shell-name]',
    ]);
    expect(shellKind("/usr/bin/bash -e {0}")).toBe("bash");
    expect(shellKind("pwsh")).toBeUndefined();
  });
});

const hasShellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
// CI installs shellcheck (.ci/run), so there these tests must run: a missing binary fails instead of skipping.
if (!hasShellcheck && process.env.CI) throw new Error("shellcheck is not installed but CI is set: install shellcheck");
if (!hasShellcheck)
  console.warn("shellcheck is not installed: the [shellcheck] tests below are skipped here (CI installs it)");
const withShellcheck = hasShellcheck ? describe : describe.skip;

describe("touchesExpression", () => {
  test("a finding on a blanked expression is recognised (script lines start at 2)", () => {
    const script = 'x=1\nif [ "${{ a }}" = b ]; then :; fi';
    expect(touchesExpression(script, { line: 3, column: 7, endLine: 3, endColumn: 13 })).toBe(true);
    expect(touchesExpression(script, { line: 2, column: 1, endLine: 2, endColumn: 4 })).toBe(false);
  });
});

withShellcheck("[shellcheck] with the real binary", () => {
  const settings = { shellcheck: "shellcheck" as const };

  test("findings map to file lines of block, explicit-indent and one-line scripts", () => {
    const text = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: |",
      '          echo "${{ github.sha }}"',
      "          echo $HOME",
      "      - run: |2",
      "            echo $PWD",
      "      - run: 'echo $USER'",
      "",
    ].join("\n");
    const out = lint(text, [shellcheckRule], { settings });
    expect(out).toEqual([
      "8:16: SC2086 (info): Double quote to prevent globbing and word splitting [shellcheck]",
      "10:18: SC2086 (info): Double quote to prevent globbing and word splitting [shellcheck]",
      "11:20: SC2086 (info): Double quote to prevent globbing and word splitting [shellcheck]",
    ]);
  });

  test("placeholders do not trip shellcheck; sh scripts are checked as sh; pwsh and Windows are skipped", () => {
    const text = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    defaults:",
      "      run:",
      "        shell: sh",
      "    steps:",
      '      - run: if [ "${{ matrix.x }}" ]; then echo yes; fi',
      "      - run: arr=(1 2)",
      "      - run: Write-Host $env:X",
      "        shell: pwsh",
      "  w:",
      "    runs-on: windows-latest",
      "    steps:",
      "      - run: echo $HOME",
      "",
    ].join("\n");
    const out = lint(text, [shellcheckRule], { settings });
    expect(out).toContain("10:18: SC3030 (warning): In POSIX sh, arrays are undefined [shellcheck]");
    expect(out.filter((line) => !line.startsWith("10:"))).toEqual([]);
  });

  test("a missing binary is skipped silently, a disabled rule runs nothing", () => {
    const text = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: echo $HOME",
      "",
    ].join("\n");
    expect(lint(text, [shellcheckRule], { settings: { shellcheck: "/nonexistent/shellcheck" } })).toEqual([]);
    expect(lint(text, [shellcheckRule], { settings: { shellcheck: false } })).toEqual([]);
  });
});

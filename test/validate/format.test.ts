import type { Finding } from "../../src/validate/finding.js";
import { annotationLine, formatGithub } from "../../src/validate/format-github.js";
import { formatJson } from "../../src/validate/format-json.js";
import { formatSarif, SARIF_SCHEMA } from "../../src/validate/format-sarif.js";
import { formatText, summaryLine } from "../../src/validate/format-text.js";
import { syntaxRule } from "../../src/validate/rules/rule-syntax.js";

const SOURCE = "on: push\njobs:\n\tbuild:\n    runs-on: ubuntu-latest\n";
const FINDINGS: Finding[] = [
  {
    file: "w.yml",
    line: 3,
    column: 2,
    rule: "syntax",
    severity: "error",
    message: "tabs, 100%, a:b",
    hint: "use spaces",
  },
  { file: "w.yml", line: 4, column: 14, rule: "runner-label", severity: "warning", message: "label" },
];

describe("text", () => {
  test("header lines only, the shape the problem matcher reads", () => {
    expect(formatText(FINDINGS, { snippet: false })).toBe(
      "w.yml:3:2: tabs, 100%, a:b [syntax]\nw.yml:4:14: label [runner-label]\n",
    );
  });

  test("source line with a caret under the column (tabs kept) and the hint", () => {
    const out = formatText(FINDINGS, { sources: new Map([["w.yml", SOURCE]]) });
    expect(out).toBe(
      [
        "w.yml:3:2: tabs, 100%, a:b [syntax]",
        "  |",
        "3 | \tbuild:",
        "  | \t^",
        "  hint: use spaces",
        "w.yml:4:14: label [runner-label]",
        "  |",
        "4 |     runs-on: ubuntu-latest",
        "  |              ^",
        "",
      ].join("\n"),
    );
  });

  test("colour only when asked; the problem matcher regex matches the plain header", async () => {
    expect(formatText(FINDINGS, { snippet: false, color: true })).toContain("\u001b[");
    const { readFileSync } = await import("node:fs");
    const matcher = JSON.parse(readFileSync(".github/redundancy-problem-matcher.json", "utf8"));
    const pattern = matcher.problemMatcher[0].pattern[0];
    const match = new RegExp(pattern.regexp).exec("w.yml:4:14: label with [brackets] inside [runner-label]");
    expect(match?.[pattern.file]).toBe("w.yml");
    expect(match?.[pattern.line]).toBe("4");
    expect(match?.[pattern.column]).toBe("14");
    expect(match?.[pattern.message]).toBe("label with [brackets] inside");
    expect(match?.[pattern.code]).toBe("runner-label");
  });

  test("summary line", () => {
    expect(summaryLine(FINDINGS, 1)).toBe("1 error, 1 warning in 1 file");
    expect(summaryLine([], 3)).toBe("0 errors, 0 warnings in 3 files");
  });
});

describe("json", () => {
  test("an array of findings with exactly the documented fields", () => {
    const parsed = JSON.parse(formatJson(FINDINGS)) as Record<string, unknown>[];
    expect(parsed).toEqual([
      {
        file: "w.yml",
        line: 3,
        column: 2,
        rule: "syntax",
        severity: "error",
        message: "tabs, 100%, a:b",
        hint: "use spaces",
      },
      { file: "w.yml", line: 4, column: 14, rule: "runner-label", severity: "warning", message: "label" },
    ]);
    expect(JSON.parse(formatJson([]))).toEqual([]);
  });

  test("one finding to a line, between the brackets", () => {
    const lines = formatJson(FINDINGS).trimEnd().split("\n");
    expect(lines[0]).toBe("[");
    expect(lines.at(-1)).toBe("]");
    expect(lines.slice(1, -1).map((line) => JSON.parse(line.replace(/,$/, "")).line)).toEqual([3, 4]);
    expect(formatJson([])).toBe("[]\n");
  });

  test("only the documented fields, in order; an empty hint is left out", () => {
    const extra = { ...FINDINGS[1]!, hint: "", internal: true } as unknown as (typeof FINDINGS)[number];
    const line = formatJson([extra]).split("\n")[1] ?? "";
    expect(line).toBe(
      '{"file":"w.yml","line":4,"column":14,"rule":"runner-label","severity":"warning","message":"label"}',
    );
  });
});

describe("sarif", () => {
  test("2.1.0 with rule metadata and one result per finding", () => {
    const sarif = JSON.parse(formatSarif(FINDINGS, { rules: [syntaxRule], version: "1.2.3" }));
    expect(sarif.$schema).toBe(SARIF_SCHEMA);
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("redundancy");
    expect(run.tool.driver.version).toBe("1.2.3");
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(["syntax", "internal", "runner-label"]);
    expect(run.tool.driver.rules[0].shortDescription.text).toBe(syntaxRule.description);
    expect(run.results).toHaveLength(2);
    expect(run.results[1]).toEqual({
      ruleId: "runner-label",
      ruleIndex: 2,
      level: "warning",
      message: { text: "label" },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "w.yml", uriBaseId: "%SRCROOT%" },
            region: { startLine: 4, startColumn: 14 },
          },
        },
      ],
    });
    expect(run.results[0].message.text).toBe("tabs, 100%, a:b\nuse spaces");
  });
});

describe("github annotations", () => {
  test("workflow commands with escaped properties and data", () => {
    expect(annotationLine(FINDINGS[0] as Finding)).toBe(
      "::error file=w.yml,line=3,col=2,title=[syntax]::tabs, 100%25, a:b%0Ause spaces",
    );
    expect(formatGithub(FINDINGS).split("\n")[1]).toBe(
      "::warning file=w.yml,line=4,col=14,title=[runner-label]::label",
    );
    expect(annotationLine({ ...(FINDINGS[1] as Finding), file: "a,b:c.yml" })).toContain("file=a%2Cb%3Ac.yml,");
  });
});

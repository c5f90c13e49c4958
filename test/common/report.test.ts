import { Redactor } from "../../src/common/redact.js";
import {
  escapeCommandData,
  escapeCommandProperty,
  escapeMarkdownCell,
  formatAnnotation,
  resultsSummaryMarkdown,
  statusCounts,
  tableMarkdown,
} from "../../src/common/report.js";
import type { CheckResult } from "../../src/common/result.js";

describe("formatAnnotation", () => {
  test("the exact workflow command, properties in the runner's order", () => {
    expect(formatAnnotation({ severity: "error", message: "bad", file: "a.yml", line: 3, column: 7, title: "T" })).toBe(
      "::error file=a.yml,line=3,col=7,title=T::bad",
    );
    expect(
      formatAnnotation({
        severity: "warning",
        message: "w",
        file: ".github/workflows/ci.yml",
        line: 1,
        endLine: 4,
        column: 2,
        endColumn: 9,
      }),
    ).toBe("::warning file=.github/workflows/ci.yml,line=1,endLine=4,col=2,endColumn=9::w");
    expect(formatAnnotation({ severity: "notice", message: "just so" })).toBe("::notice::just so");
  });

  test("escapes data and properties as the runner does", () => {
    expect(escapeCommandData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
    expect(escapeCommandProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    expect(
      formatAnnotation({
        severity: "error",
        message: "line1\nline2: 100%, ok",
        file: "dir,x/a:b.yml",
        title: "x: y, z",
      }),
    ).toBe("::error file=dir%2Cx/a%3Ab.yml,title=x%3A y%2C z::line1%0Aline2: 100%25, ok");
  });

  test("the message cannot inject a second workflow command", () => {
    const line = formatAnnotation({ severity: "warning", message: "x\n::set-output name=a::b" });
    expect(line.split("\n")).toHaveLength(1);
  });

  test("redacts without a Redactor given (token shapes, KEY=value)", () => {
    const line = formatAnnotation({ severity: "error", message: "API_TOKEN=abc123xyz leaked" });
    expect(line).toBe("::error::API_TOKEN=*** leaked");
  });
});

describe("tableMarkdown", () => {
  test("header, separator, rows; pipes, newlines and HTML escaped", () => {
    const md = tableMarkdown(["Name", "Note"], [["a|b", "line1\nline2"], ["<script>", "x & y"], ["short"]]);
    expect(md).toBe(
      [
        "| Name | Note |",
        "| --- | --- |",
        "| a\\|b | line1<br>line2 |",
        "| &lt;script&gt; | x &amp; y |",
        "| short |  |",
        "",
      ].join("\n"),
    );
  });

  test("every row has as many cells as the header", () => {
    const md = tableMarkdown(["a", "b", "c"], [["1", "2", "3", "4"], ["x|y|z"]]);
    for (const line of md.trim().split("\n")) {
      expect(line.replace(/\\\|/g, "").split("|").length - 2).toBe(3);
    }
  });

  test("escapeMarkdownCell handles CR too", () => {
    expect(escapeMarkdownCell("a\r\nb\rc")).toBe("a<br>b<br>c");
  });
});

describe("resultsSummaryMarkdown", () => {
  const results: CheckResult[] = [
    { id: "pm2/web-1/api", kind: "pm2", status: "ok", summary: "online, 0 restarts", details: [] },
    {
      id: "pm2/web-1/worker",
      kind: "pm2",
      status: "fail",
      summary: "errored | crashed",
      details: ["Error: ECONNREFUSED 127.0.0.1:5432", "second\nline"],
      recovery: [
        { action: "pm2 restart worker", ok: false, detail: "still errored" },
        { action: "pm2 reload worker", ok: true, detail: "" },
      ],
    },
    { id: "netlify/site", kind: "netlify", status: "unknown", summary: "API 503", details: [] },
    { id: "workflow/ci.yml", kind: "workflow", status: "warn", summary: "slow", details: ["took 3x median"] },
  ];

  test("heading, counts worst first, one row per result, evidence for what is not ok", () => {
    const md = resultsSummaryMarkdown(results, "Sync health");
    const lines = md.split("\n");
    expect(lines[0]).toBe("## Sync health");
    expect(md).toContain("❌ 1 fail · ⚠️ 1 warn · ❔ 1 unknown · ✅ 1 ok");
    expect(md).toContain("| Check | Status | Summary | Recovery |");
    expect(md).toContain("| pm2/web-1/api | ✅ ok | online, 0 restarts |  |");
    expect(md).toContain(
      "| pm2/web-1/worker | ❌ fail | errored \\| crashed | ❌ pm2 restart worker: still errored<br>✅ pm2 reload worker |",
    );
    expect(md).toContain("<details><summary>pm2/web-1/worker</summary>");
    expect(md).toContain("- second<br>line");
    expect(md).toContain("- took 3x median");
    expect(md).not.toContain("<summary>pm2/web-1/api</summary>");
  });

  test("an empty run says so", () => {
    expect(resultsSummaryMarkdown([], "Nothing")).toContain("No checks ran.");
  });

  test("evidence is capped", () => {
    const many: CheckResult = {
      id: "x",
      kind: "validate",
      status: "fail",
      summary: "s",
      details: Array.from({ length: 30 }, (_v, i) => `d${i}`),
    };
    const md = resultsSummaryMarkdown([many], "t", { maxDetails: 5 });
    expect(md).toContain("- d4");
    expect(md).not.toContain("- d5");
    expect(md).toContain("25 more");
  });

  test("known secrets are redacted everywhere in it", () => {
    const secret = "summary-secret-123";
    const md = resultsSummaryMarkdown(
      [
        {
          id: "a",
          kind: "pm2",
          status: "fail",
          summary: secret,
          details: [secret],
          recovery: [{ action: secret, ok: false, detail: secret }],
        },
      ],
      secret,
      { redactor: new Redactor([secret]) },
    );
    expect(md).not.toContain(secret);
  });

  test("statusCounts", () => {
    expect(statusCounts(results)).toEqual({ ok: 1, warn: 1, fail: 1, unknown: 1 });
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "../../src/common/errors.js";
import { Redactor } from "../../src/common/redact.js";
import { DEFAULT_LOG_PATTERNS, MAX_TOP_LINE, analyzeLog, lastLines, normaliseLogLine } from "../../src/pm2/logs.js";

// As the health check builds it: the env values of the app registered from jlist (see addEnvSecretsTo).
const redactor = new Redactor(["planted-foo-value", "hunter2-planted"]);

describe("lastLines", () => {
  test("with and without a trailing newline, LF or CRLF", () => {
    expect(lastLines("a\nb\nc\n", 2)).toEqual(["b", "c"]);
    expect(lastLines("a\nb\nc", 2)).toEqual(["b", "c"]);
    expect(lastLines("a\r\nb\r\nc\r\n", 5)).toEqual(["a", "b", "c"]);
    expect(lastLines("a\n\nb", 2)).toEqual(["", "b"]);
    expect(lastLines("\nabc", 5)).toEqual(["", "abc"]);
    expect(lastLines("", 3)).toEqual([]);
    expect(lastLines("a\nb", 0)).toEqual([]);
  });

  test("a 10 MB single line without a newline comes back whole, or cut with an ellipsis when asked", () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    expect(lastLines(huge, 3)).toEqual([huge]);
    const [cut] = lastLines(`${huge}\nlast`, 2, 100);
    expect(cut).toHaveLength(100);
    expect(cut.endsWith("…")).toBe(true);
    expect(lastLines(`${huge}\nlast`, 1, 100)).toEqual(["last"]);
  });

  test("reads the tail of a real log file written by a process", () => {
    const dir = mkdtempSync(join(tmpdir(), "logs-test-"));
    try {
      const file = join(dir, "api-error.log");
      writeFileSync(file, Array.from({ length: 5000 }, (_, i) => `0|api  | line ${i}`).join("\n"));
      expect(lastLines(readFileSync(file, "utf8"), 2)).toEqual(["0|api  | line 4998", "0|api  | line 4999"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("normaliseLogLine", () => {
  test("strips PM2 prefixes and timestamps, collapses numbers, hex ids and uuids", () => {
    expect(normaliseLogLine("0|api  | 2026-12-04T10:11:12.123Z: Error: connect ECONNREFUSED 127.0.0.1:5432")).toBe(
      "Error: connect ECONNREFUSED N.N.N.N:N",
    );
    expect(
      normaliseLogLine("12|zion-auto-sync | 2026-12-04 10:11:12 +00:00: job 9f3a2b1c4d5e failed at 0xdeadbeef"),
    ).toBe("job <hex> failed at <hex>");
    expect(normaliseLogLine("request 0b7c9a1e-4f2d-4c8a-9b3e-2a1d5c6e7f80 timed out")).toBe("request <uuid> timed out");
  });
});

describe("analyzeLog", () => {
  const log = [
    "0|api  | 2026-12-04T10:00:01.000Z: Error: connect ECONNREFUSED 127.0.0.1:5432",
    "0|api  | 2026-12-04T10:00:02.000Z: Error: connect ECONNREFUSED 127.0.0.1:5432",
    "0|api  | 2026-12-04T10:00:03.000Z: Error: listen EADDRINUSE: address already in use :::3000",
    "0|api  | 2026-12-04T10:00:04.000Z: info: all fine",
    "0|api  | FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
    "0|api  | 2026-12-04T10:00:05.000Z: Error: connect ECONNREFUSED 10.0.0.7:5432",
    "0|api  | Unhandled Rejection at: Promise {}",
    "0|api  | Segmentation fault (core dumped)",
  ];

  test("counts matching lines per default pattern, keyed by source", () => {
    const { counts } = analyzeLog(log, [...DEFAULT_LOG_PATTERNS], redactor);
    expect(counts["ECONNREFUSED"]).toBe(3);
    expect(counts["EADDRINUSE"]).toBe(1);
    expect(counts["\\b[A-Za-z]*Error\\b"]).toBe(4);
    expect(counts["out of memory|heap limit|JavaScript heap|ENOMEM"]).toBe(1);
    expect(counts["unhandled ?(?:promise )?rejection"]).toBe(1);
    expect(counts["segmentation fault|segfault|SIGSEGV"]).toBe(1);
    expect(counts["ETIMEDOUT"]).toBe(0);
  });

  test("ranks distinct normalised lines, most frequent first, ties in log order", () => {
    const { top, topEntries } = analyzeLog(log, [...DEFAULT_LOG_PATTERNS], redactor, 3);
    expect(topEntries).toEqual([
      { line: "Error: connect ECONNREFUSED N.N.N.N:N", count: 3 },
      { line: "Error: listen EADDRINUSE: address already in use :::N", count: 1 },
      { line: "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory", count: 1 },
    ]);
    expect(top).toEqual(topEntries.map((e) => e.line));
  });

  test("string patterns are case-insensitive regular expressions; a global regex counts every line", () => {
    const { counts } = analyzeLog(log, ["econnrefused", "heap (limit|out)", /Error/g], redactor);
    expect(counts).toEqual({ econnrefused: 3, "heap (limit|out)": 1, Error: 4 });
  });

  test("an invalid string pattern is a configuration error naming it", () => {
    expect(() => analyzeLog(log, ["(unclosed"], redactor)).toThrow(ConfigurationError);
    expect(() => analyzeLog(log, ["(unclosed"], redactor)).toThrow(
      'log pattern "(unclosed" is not a valid regular expression',
    );
  });

  test("with no patterns every non-blank line ranks", () => {
    expect(analyzeLog(["a 1", "", "a 2", "b"], [], redactor).topEntries).toEqual([
      { line: "a N", count: 2 },
      { line: "b", count: 1 },
    ]);
  });

  test("planted secrets never reach the top lines, including ones cut at 500 characters", () => {
    const lines = [
      "0|api  | Error: auth failed for postgres://app:hunter2-planted@db:5432/app",
      "0|api  | Error: DB_PASSWORD=hunter2-planted rejected",
      `0|api  | Error: ${"y".repeat(MAX_TOP_LINE - 20)} planted-foo-value trailing`,
      "0|api  | Error: token ghp_abcdefghijklmnopqrstuvwxyz0123456789 expired",
    ];
    const { top } = analyzeLog(lines, [/Error/], redactor);
    const text = top.join("\n");
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("planted");
    expect(text).not.toContain("ghp_abc");
    expect(top).toHaveLength(4);
    expect(top[0]).toBe("Error: auth failed for postgres://app:***@db:N/app");
  });

  test("a 10 MB line is counted and shown cut to 500 characters with an ellipsis", () => {
    const huge = `0|api  | Error: ${"z".repeat(10 * 1024 * 1024)}`;
    const { counts, top } = analyzeLog([huge, huge, "0|api  | Error: small"], ["Error"], redactor);
    expect(counts.Error).toBe(3);
    expect(top[0]).toHaveLength(MAX_TOP_LINE);
    expect(top[0].startsWith("Error: zzz")).toBe(true);
    expect(top[0].endsWith("…")).toBe(true);
    expect(top[1]).toBe("Error: small");
  });

  test("a secret straddling the end of the scanned part of a huge line is not shown in pieces", () => {
    const digits = "9".repeat(64 * 1024 - 20);
    const { top } = analyzeLog([`Error ${digits} planted-foo-value more`], ["Error"], redactor);
    expect(top[0]).toBe("Error N");
  });

  test("ANSI colours are removed from shown lines", () => {
    expect(analyzeLog(["\x1b[31mError: red\x1b[39m"], ["Error"], redactor).top).toEqual(["Error: red"]);
  });
});

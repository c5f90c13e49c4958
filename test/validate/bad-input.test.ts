/** Bad input never crashes or hangs: each gives findings with valid positions. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateFiles, validateSource } from "../../src/validate/engine.js";
import type { Finding } from "../../src/validate/finding.js";
import { MAX_ALIAS_EXPANSION } from "../../src/validate/parse.js";

function expectValidPositions(findings: Finding[], text: string): void {
  const lines = text.split("\n");
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(lines.length + 1);
    expect(f.column).toBeLessThanOrEqual((lines[f.line - 1]?.length ?? 0) + 2);
  }
}

function lint(text: string, file = "w.yml"): Finding[] {
  const findings = validateSource(file, text);
  expectValidPositions(findings, text);
  return findings;
}

const rulesOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.rule))];

test("not YAML at all", () => {
  const findings = lint("{{{ this is : not [ yaml");
  expect(rulesOf(findings)).toEqual(["syntax"]);
});

test("empty, whitespace-only and comment-only files", () => {
  for (const text of ["", "   \n\n", "# nothing\n"]) {
    const findings = lint(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 1, column: 1, rule: "syntax" });
  }
});

test("a list, a scalar, a number and an alias at the top", () => {
  expect(lint("- a\n- b\n")[0]?.message).toContain("is a list");
  expect(lint("hello\n")[0]?.message).toContain("is a scalar value");
  expect(lint("42\n")[0]?.message).toContain("is a scalar value");
  expect(lint("action.yml content", "action.yml")[0]?.message).toContain("action metadata must be a mapping");
});

test("BOM, CRLF and tabs", () => {
  const clean = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n";
  const withBom = lint(`\ufeff${clean}`).filter((f) => f.rule === "syntax" || f.rule === "schema");
  expect(withBom).toEqual([]);
  const crlf = lint(clean.replace(/\n/g, "\r\n")).filter((f) => f.rule === "syntax" || f.rule === "schema");
  expect(crlf).toEqual([]);
  const tabs = lint("on: push\njobs:\n\ta:\n\t\truns-on: x\n");
  expect(tabs[0]).toMatchObject({ line: 3, rule: "syntax" });
});

test("NUL bytes in text are refused as binary", () => {
  const findings = lint("on: push\x00\x01\x02");
  expect(findings).toEqual([expect.objectContaining({ line: 1, column: 9, rule: "syntax" })]);
  expect(findings[0]?.message).toContain("binary");
});

test("a billion-laughs alias bomb is refused without expanding", () => {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  const names = "bcdefghijklmnopqrstuvwxyz";
  for (let i = 0; i < 20; i++) {
    const prev = names[i - 1] ?? "a";
    text += `${names[i]}: &${names[i]} [${Array(10)
      .fill(`*${i === 0 ? "a" : prev}`)
      .join(",")}]\n`;
  }
  text += "on: push\njobs: *z\n";
  const findings = lint(text);
  expect(findings).toHaveLength(1);
  expect(findings[0]?.message).toContain(`more than ${MAX_ALIAS_EXPANSION}`);
});

test("aliases within the limit are expanded and linted normally", () => {
  const text = "x: &steps\n  - run: echo hi\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: *steps\n";
  const findings = lint(text).filter((f) => f.rule === "syntax" || f.rule === "schema");
  expect(findings.map((f) => f.message)).toEqual(['unexpected key "x" in the workflow']);
});

test("deeply nested flow and block documents", () => {
  const flow = `on: push\njobs: ${"[".repeat(5000)}${"]".repeat(5000)}\n`;
  expect(rulesOf(lint(flow))).toEqual(["syntax"]);
  let block = "on: push\njobs:\n";
  for (let i = 0; i < 400; i++) block += `${"  ".repeat(i + 1)}k${i}:\n`;
  expect(rulesOf(lint(block))).toEqual(["syntax"]);
});

test("a 10 MB workflow is linted by every rule without crashing", () => {
  const script = `          echo "${"x".repeat(70)}"\n`.repeat(100);
  const step = `      - name: step\n        run: |\n${script}`;
  const head = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n";
  const text = head + step.repeat(Math.ceil((10 * 1024 * 1024) / step.length));
  expect(text.length).toBeGreaterThan(10 * 1024 * 1024);
  const findings = validateSource("big.yml", text, { settings: { shellcheck: false } });
  expectValidPositions(findings, text);
  expect(findings.filter((f) => f.rule === "internal")).toEqual([]);
});

describe("files on disk", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "redundancy-bad-input-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("binary files and non-UTF-8 files give one finding each at the offending byte", async () => {
    writeFileSync(join(dir, "bin.yml"), Buffer.from([0x6f, 0x6e, 0x3a, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(dir, "latin1.yml"), Buffer.from("on: push\nname: caf\xe9\n", "latin1"));
    const { findings } = await validateFiles(["bin.yml", "latin1.yml"], { root: dir });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual([
      "bin.yml:2:5 syntax",
      "latin1.yml:2:10 syntax",
    ]);
    expect(findings[1]?.message).toBe("file is not valid UTF-8 text");
  });

  test("a file that vanished or is a folder is a finding, not a crash", async () => {
    const { findings } = await validateFiles(["gone.yml", "."], { root: dir });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      ".:1:1 file could not be read: it is a folder",
      "gone.yml:1:1 file could not be read: it does not exist",
    ]);
  });
});

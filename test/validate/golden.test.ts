/**
 * Golden tests in the actionlint style: each test/validate/err/<case>.yml (or <case>/action.yml)
 * must print exactly the lines of <case>.out, and every file under test/validate/ok/ nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { validateFiles } from "../../src/validate/engine.js";
import { formatText } from "../../src/validate/format-text.js";
import { createLocalLookups } from "../../src/validate/lookups-local.js";

const ERR = "test/validate/err";
const OK = "test/validate/ok";

function errCases(): [string, string, string][] {
  const cases: [string, string, string][] = [];
  for (const name of readdirSync(ERR).sort()) {
    const path = join(ERR, name);
    if (/\.ya?ml$/.test(name)) {
      cases.push([name.replace(/\.ya?ml$/, ""), path, join(ERR, name.replace(/\.ya?ml$/, ".out"))]);
    } else if (statSync(path).isDirectory()) {
      for (const meta of ["action.yml", "action.yaml"]) {
        if (existsSync(join(path, meta))) cases.push([name, join(path, meta), join(ERR, `${name}.out`)]);
      }
    }
  }
  return cases;
}

function okFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...okFiles(path));
    else if (/\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

const errLookups = createLocalLookups({ root: ERR });
const okLookups = createLocalLookups({ root: OK });

describe("err cases print exactly their .out", () => {
  const cases = errCases();
  test("there are err cases", () => expect(cases.length).toBeGreaterThan(10));
  test.each(cases)("%s", async (_name, file, out) => {
    const expected = readFileSync(out, "utf8");
    const { findings } = await validateFiles([file], { lookups: errLookups });
    expect(formatText(findings, { snippet: false })).toBe(expected);
  });
});

describe("ok files produce nothing", () => {
  const files = okFiles(OK);
  test("there are at least 20 ok files", () => expect(files.length).toBeGreaterThanOrEqual(20));
  test.each(files)("%s", async (file) => {
    const { findings } = await validateFiles([file], { lookups: okLookups });
    expect(formatText(findings, { snippet: false })).toBe("");
  });
});

/**
 * The two YAML front ends must agree: wherever js-yaml's fast path reads a file, the events it
 * hands to GitHub's template reader (kinds, values, ranges, raw source, block headers) and the
 * problems it finds are exactly those the `yaml` front end produces; where `yaml` refuses a file,
 * the fast path must refuse it too (or the file would lose its syntax finding).
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import {
  BooleanToken,
  MappingToken,
  NullToken,
  NumberToken,
  SequenceToken,
  StringToken,
} from "@actions/workflow-parser/templates/tokens/index";
import type { TokenRange } from "@actions/workflow-parser/templates/tokens/token-range";
import { readWithJsYaml, parseSource } from "../../src/validate/parse.js";
import { readWithYaml } from "../../src/validate/parse-yaml.js";
import { MAPPING_END, SEQUENCE_END, type ParseEvent } from "../../src/validate/parse-events.js";
import { lineIndexFor } from "../../src/validate/expr/source-text.js";
import { apply, mutation, SEEDS } from "../support/mutate.js";
import { repositoryYamlFiles } from "../support/yaml-files.js";

const root = join(import.meta.dirname, "../..");

/** Maps a position of the text js-yaml read (`repaired`) back to the source, line by line. */
type Unpad = (line: number, column: number) => number;

function unpadFor(source: string, repaired: string | undefined): Unpad {
  if (repaired === undefined) return (_line, column) => column;
  const a = source.split("\n");
  const b = repaired.split("\n");
  // The repair only puts spaces before lines: the difference in length is the padding of each line.
  return (line, column) => Math.max(1, column - ((b[line - 1]?.length ?? 0) - (a[line - 1]?.length ?? 0)));
}

function at(range: TokenRange | undefined, unpad: Unpad): string {
  if (!range) return "-";
  const { start, end } = range;
  return `${start.line}:${unpad(start.line, start.column)}-${end.line}:${unpad(end.line, end.column)}`;
}

/**
 * One line per event; collections by their start only (their end is not used by the reader or rules).
 * With a repair, positions are mapped back and the leading spaces of continuation lines in raw source
 * are not compared (the repair adds to exactly those).
 */
function describe(event: ParseEvent, unpad: Unpad, repaired: boolean): string {
  if (event === MAPPING_END) return "}";
  if (event === SEQUENCE_END) return "]";
  if (event instanceof MappingToken) return `{ ${at(event.range, unpad).split("-")[0]}`;
  if (event instanceof SequenceToken) return `[ ${at(event.range, unpad).split("-")[0]}`;
  if (event instanceof StringToken) {
    const source = repaired ? event.source?.replace(/\n +/g, "\n") : event.source;
    return `str ${JSON.stringify(event.value)} ${at(event.range, unpad)} src=${JSON.stringify(source)} hdr=${event.blockScalarHeader ?? ""}`;
  }
  if (event instanceof NumberToken) return `num ${event.value} ${at(event.range, unpad)}`;
  if (event instanceof BooleanToken) return `bool ${event.value} ${at(event.range, unpad)}`;
  if (event instanceof NullToken) return `null ${at(event.range, unpad)}`;
  return "?";
}

type Verdict = { kind: "same" } | { kind: "fallback" } | { kind: "differs"; detail: string };

/**
 * Reads `source` with both front ends. Where the fast path repaired the text (see readWithJsYaml),
 * `yaml` reads the repaired text, and must read it as the fast path read the source.
 */
function compare(source: string, kind: "workflow" | "action"): Verdict {
  const fast = readWithJsYaml(source, lineIndexFor(source));
  if (!fast) return { kind: "fallback" };
  const slow = readWithYaml(fast.repaired ?? source, kind);
  if ("refusal" in slow) {
    return { kind: "differs", detail: `yaml refuses (${slow.refusal.message}) but js-yaml reads the file` };
  }
  const repaired = fast.repaired !== undefined;
  const unpad = unpadFor(source, fast.repaired);
  const a = slow.events.map((e) => describe(e, unpad, repaired));
  const b = fast.events.map((e) => describe(e, (_line, column) => column, repaired));
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { kind: "differs", detail: `event ${i}: yaml ${a[i]} / js-yaml ${b[i]}` };
  }
  const problems = (p: { line: number; column: number; message: string }[], map: Unpad): string =>
    JSON.stringify(p.map((x) => `${x.line}:${map(x.line, x.column)} ${x.message}`));
  if (problems(slow.problems, unpad) !== problems(fast.problems, (_line, column) => column)) {
    return {
      kind: "differs",
      detail: `problems: yaml ${problems(slow.problems, unpad)} / js-yaml ${problems(fast.problems, (_l, c) => c)}`,
    };
  }
  return { kind: "same" };
}

test("the fast path reads the repository's workflows, fixtures and examples exactly as yaml does", () => {
  // More files by hand, e.g. the real-world corpus: REDUNDANCY_PARITY_DIR=/tmp/corpus npm test -- parse-parity
  const files = repositoryYamlFiles(root);
  let same = 0;
  const differs: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8").replace(/^\ufeff/, "");
    if (text.includes("\0")) continue;
    const kind = /(^|\/)action\.ya?ml$/.test(file) ? "action" : "workflow";
    const verdict = compare(text, kind);
    if (verdict.kind === "same") same++;
    if (verdict.kind === "differs") differs.push(`${relative(root, file)}: ${verdict.detail}`);
  }
  expect(differs).toEqual([]);
  // Most files take the fast path; otherwise this test would compare nothing.
  expect(same).toBeGreaterThan(files.length / 2);
});

test("block scalars, quotes, anchors, flow collections and typed scalars keep their ranges and values", () => {
  const text = [
    "on: push",
    "env: &shared",
    "  A: 'single ''quoted'''",
    '  B: "double \\"quoted\\" ${{ github.ref }}"',
    "  C: 3.10",
    "  D: 0x1F",
    "  E: ~",
    "  F: True",
    "  G: !!str 12",
    "  H:",
    "jobs:",
    "  build:",
    "    runs-on: [ubuntu-latest, {label: x}]",
    "    env: *shared",
    "    steps:",
    "      - run: |-  # a comment with | and >",
    "          echo ${{ github.sha }}",
    "",
    "          echo done",
    "      - run: >+",
    "          folded",
    "          text",
    "      - run: plain",
    "          continued ${{ env.A }}",
    "      - run: |2",
    "           indented by two",
    "      - - |",
    "          nested block",
    "",
  ].join("\n");
  expect(compare(text, "workflow")).toEqual({ kind: "same" });
});

test("flow collections closed at their key's column read as yaml reads them", () => {
  // js-yaml alone refuses a flow sequence closed at its key's column; yaml and GitHub accept it.
  const flowClose = [
    "on: push",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-latest",
    "    strategy:",
    "      matrix:",
    "        os: [",
    "          'ubuntu-latest', \"windows-latest\"",
    "        ]",
    "    steps:",
    "      - run: x",
    "",
  ].join("\n");
  expect(compare(flowClose, "workflow")).toEqual({ kind: "same" });
  expect(parseSource(flowClose, "workflow").syntax).toEqual([]);
  // After a comment the bracket cannot be joined to its line: yaml reads the file.
  const commented = flowClose.replace('"windows-latest"', '"windows-latest" # two');
  expect(readWithJsYaml(commented, lineIndexFor(commented))).toBeUndefined();
  expect(parseSource(commented, "workflow").syntax).toEqual([]);
  // A flow mapping closed there is refused by yaml as well, so the fast path leaves it alone.
  const flowMap = flowClose.replace(
    "    steps:",
    "        include: [{\n          os: macos-latest\n        }]\n    steps:",
  );
  expect(readWithJsYaml(flowMap, lineIndexFor(flowMap))).toBeUndefined();
  expect(parseSource(flowMap, "workflow").syntax[0]?.message).toMatch(/flow map/);
});

test("quoted strings continued on under-indented lines read as GitHub reads them", () => {
  // apache/airflow's ci.yml: strict YAML (js-yaml, yaml) refuses these lines; GitHub runs the workflow.
  const text = [
    "on: push",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - id: py",
    '        run: "echo \\"v=$(python -c',
    " 'import sys')\\\" >> $GITHUB_OUTPUT\"",
    "      - uses: actions/cache@v4",
    "        with:",
    '          key: "k-${{ steps.py.outputs.v }}-\\',
    "${{ hashFiles('a') }}\"",
    "          restore-keys: 'k-",
    "",
    "x'",
    "",
  ].join("\n");
  const fast = readWithJsYaml(text, lineIndexFor(text));
  expect(fast?.repaired).toBeDefined();
  // yaml reads the padded text as the fast path read the original, positions mapped back.
  expect(compare(text, "workflow")).toEqual({ kind: "same" });
  const parsed = parseSource(text, "workflow");
  expect(parsed.syntax).toEqual([]);
  expect(parsed.schema).toEqual([]);
  const values = (fast?.events ?? []).filter((e) => e instanceof StringToken).map((e) => (e as StringToken).value);
  expect(values).toContain("echo \"v=$(python -c 'import sys')\" >> $GITHUB_OUTPUT");
  expect(values).toContain("k-${{ steps.py.outputs.v }}-${{ hashFiles('a') }}");
  expect(values).toContain("k-\nx");
  // The token after a repaired string keeps its place.
  const uses = fast?.events.find((e): e is StringToken => e instanceof StringToken && e.value === "actions/cache@v4");
  expect(uses?.range?.start).toEqual({ line: 9, column: 15 });
  // `---` at column 0 ends the document even inside a string: no repair, yaml's verdict stands.
  const marker = text.replace("${{ hashFiles('a') }}", "--- x");
  expect(readWithJsYaml(marker, lineIndexFor(marker))).toBeUndefined();
  expect(parseSource(marker, "workflow").syntax.length).toBeGreaterThan(0);
  // An under-indented line that is not inside a quoted string is still refused.
  const plain = text.replace("      - uses: actions/cache@v4", " - uses: actions/cache@v4");
  expect(readWithJsYaml(plain, lineIndexFor(plain))).toBeUndefined();
});

test("files the fast path cannot take fall back to yaml with yaml's verdict", () => {
  // A second document, a list at the root and an unknown alias are worded by the yaml front end.
  expect(parseSource("on: push\n---\njobs: {}\n", "workflow").syntax[0]?.message).toMatch(
    /more than one YAML document/,
  );
  expect(parseSource("- a\n", "workflow").syntax[0]?.message).toMatch(/document is a list/);
  expect(parseSource("on: *nope\n", "workflow").syntax[0]?.message).toBe('unknown YAML alias "*nope"');
});

test("an empty value with a bare tag is an empty string, placed as yaml places it", () => {
  // tauri-apps/tauri writes `ENV_KEY_PREFIX: !` in two workflows.
  const text = "on: push\nenv:\n  PREFIX: !\n  NEXT: !   \n  LAST: x\njobs: {}\n";
  expect(readWithJsYaml(text, lineIndexFor(text))).toBeDefined();
  expect(compare(text, "workflow")).toEqual({ kind: "same" });
});

test("anchor names the two parsers read differently are left to yaml, with yaml's message", () => {
  const text = "on: push\njobs:\n  a:\n    runs-on: &![x, y]\n    steps: []\n";
  expect(readWithJsYaml(text, lineIndexFor(text))).toBeUndefined();
  expect(parseSource(text, "workflow").syntax[0]).toMatchObject({
    line: 4,
    message: expect.stringMatching(/anchors must be separated/),
  });
});

test("on mutated workflows the fast path either agrees with yaml or leaves the file to it", () => {
  let same = 0;
  fc.assert(
    fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, muts) => {
      const text = apply(SEEDS[seed] ?? "", muts);
      if (text.includes("\0")) return;
      const verdict = compare(text, seed === 2 ? "action" : "workflow");
      if (verdict.kind === "differs") throw new Error(`${verdict.detail}\n--- for:\n${JSON.stringify(text)}`);
      if (verdict.kind === "same") same++;
    }),
    // A fixed seed keeps CI deterministic; PARITY_SEED / PARITY_RUNS explore further by hand.
    {
      numRuns: Number(process.env.PARITY_RUNS ?? 3000),
      seed: process.env.PARITY_SEED ? Number(process.env.PARITY_SEED) : 20261204,
    },
  );
  expect(same).toBeGreaterThan(300);
});

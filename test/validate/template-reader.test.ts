/**
 * Our schema reader (src/validate/template-reader.ts) must read every document exactly as GitHub's
 * template reader (`readTemplate` of @actions/workflow-parser) does: the same token tree (kinds,
 * values, ranges, expressions and their parts, definitions and allowed contexts on every token)
 * and the same errors, in the same order, at the same places.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { TemplateContext, TemplateValidationErrors } from "@actions/workflow-parser/templates/template-context";
import { readTemplate } from "@actions/workflow-parser/templates/template-reader";
import { NoOperationTraceWriter } from "@actions/workflow-parser/templates/trace-writer";
import { getWorkflowSchema } from "@actions/workflow-parser/workflows/workflow-schema";
import { getActionSchema } from "@actions/workflow-parser/actions/action-schema";
import {
  BasicExpressionToken,
  MappingToken,
  SequenceToken,
  StringToken,
  type TemplateToken,
} from "@actions/workflow-parser/templates/tokens/index";
import type { TokenRange } from "@actions/workflow-parser/templates/tokens/token-range";
import { readWithJsYaml } from "../../src/validate/parse.js";
import { readWithYaml } from "../../src/validate/parse-yaml.js";
import { FILE_ID, type ParseEvent } from "../../src/validate/parse-events.js";
import { lineIndexFor } from "../../src/validate/expr/source-text.js";
import { readTemplateEvents } from "../../src/validate/template-reader.js";
import { EventListReader } from "../support/event-list-reader.js";
import { apply, mutation, SEEDS } from "../support/mutate.js";
import { repositoryYamlFiles, yamlFiles } from "../support/yaml-files.js";

const root = join(import.meta.dirname, "../..");
type Kind = "workflow" | "action";
const ROOTS: Record<Kind, string> = { workflow: "workflow-root-strict", action: "action-root-strict" };
const schemaOf = (kind: Kind) => (kind === "workflow" ? getWorkflowSchema() : getActionSchema());

/** A fresh event list each time: both readers attach definitions to the event tokens. */
function events(source: string, kind: Kind): ParseEvent[] | undefined {
  const read = readWithJsYaml(source, lineIndexFor(source)) ?? readWithYaml(source, kind);
  return "refusal" in read ? undefined : read.events;
}

function at(range: TokenRange | undefined): string {
  return range ? `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}` : "-";
}

/** Everything a token carries that a reader decides, as plain data. */
function describe(token: TemplateToken | undefined): unknown {
  if (token === undefined) return undefined;
  const info = token.definitionInfo;
  const common = {
    type: token.templateTokenType,
    range: at(token.range),
    definition: info?.definition.key,
    context: info?.allowedContext.join(","),
    description: token.description,
  };
  if (token instanceof MappingToken) {
    const pairs: unknown[] = [];
    for (let i = 0; i < token.count; i++) {
      const pair = token.get(i);
      pairs.push([describe(pair.key), describe(pair.value)]);
    }
    return { ...common, pairs };
  }
  if (token instanceof SequenceToken) {
    const items: unknown[] = [];
    for (let i = 0; i < token.count; i++) items.push(describe(token.get(i)));
    return { ...common, items };
  }
  if (token instanceof BasicExpressionToken) {
    return {
      ...common,
      expression: token.expression,
      source: token.source,
      header: token.blockScalarHeader,
      inner: at(token.expressionRange),
      parts: token.originalExpressions?.map(describe),
    };
  }
  if (token instanceof StringToken) {
    return { ...common, value: token.value, source: token.source, header: token.blockScalarHeader };
  }
  return { ...common, text: token.toString(), directive: (token as { directive?: string }).directive };
}

function githubRead(list: ParseEvent[], kind: Kind) {
  const context = new TemplateContext(new TemplateValidationErrors(), schemaOf(kind), new NoOperationTraceWriter());
  context.getFileId("file");
  const value = readTemplate(context, ROOTS[kind], new EventListReader(list), FILE_ID);
  const errors = context.errors.getErrors().map((e) => `${at(e.range)} ${e.rawMessage}`);
  return { tree: describe(value), errors };
}

function ourRead(list: ParseEvent[], kind: Kind) {
  const { value, errors } = readTemplateEvents(schemaOf(kind), ROOTS[kind], list);
  return { tree: describe(value), errors: errors.map((e) => `${at(e.range)} ${e.message}`) };
}

/** Undefined when both readers agree (or the YAML is refused), else where they part. */
function difference(source: string, kind: Kind): string | undefined {
  const a = events(source, kind);
  const b = events(source, kind);
  if (!a || !b) return undefined;
  const github = githubRead(a, kind);
  const ours = ourRead(b, kind);
  const theirs = JSON.stringify(github);
  const mine = JSON.stringify(ours);
  if (theirs === mine) return undefined;
  let i = 0;
  while (theirs[i] === mine[i]) i++;
  return `GitHub: …${theirs.slice(Math.max(0, i - 200), i + 200)}\nours:   …${mine.slice(Math.max(0, i - 200), i + 200)}`;
}

test("reads the repository's workflows, actions, fixtures and examples exactly as GitHub's reader does", () => {
  // More files by hand, e.g. the real-world corpus: REDUNDANCY_PARITY_DIR=/tmp/corpus npm test -- template-reader
  const files = [...repositoryYamlFiles(root), join(root, "action.yml"), ...yamlFiles(join(root, "actions"))];
  const differs: string[] = [];
  let compared = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8").replace(/^\ufeff/, "");
    if (text.includes("\0")) continue;
    const kind: Kind = /(^|\/)action\.ya?ml$/.test(file) ? "action" : "workflow";
    compared++;
    const detail = difference(text, kind);
    if (detail) differs.push(`${relative(root, file)}:\n${detail}`);
  }
  expect(differs).toEqual([]);
  expect(compared).toBeGreaterThan(80);
});

test("expressions, directives, formats and schema errors come out as GitHub words and places them", () => {
  const text = [
    "on:",
    "  push:",
    "    branches: [main, '${{ github.ref }}']",
    "  workflow_dispatch:",
    "    inputs:",
    "      name: { type: string, required: true }",
    "env:",
    "  A: ${{ github.sha }}",
    "  B: pre ${{ github.ref }} mid ${{ 'lit''s' }} post {x}",
    "  C: ${{ 'only {{ a literal }}' }}",
    "  D: ${{ }}",
    "  E: ${{ github.ref",
    "  F: ${{ insert }}",
    "  G: x ${{ insert }}",
    "  H: ${{ insert foo }}",
    "  I: ${{ secrets.X }}",
    "  J: ${{ toJSON(github) }} ${{ nope(1) }}",
    "  K: ${{ 1 +}}",
    "  ${{ github.ref }}: dynamic key",
    "  3: number key",
    "jobs:",
    "  a:",
    "    runs-on: ${{ env.A }}",
    "    if: ${{ secrets.X == 'y' }}",
    "    strategy: { matrix: { os: [a, b] } }",
    "    steps:",
    "      - run: |",
    "          echo ${{ matrix.os }}",
    "          echo ${{ steps.x.outputs.y }} and ${{ github.event.issue.title }}",
    "        wait: true",
    "      - uses: actions/checkout@v4",
    "        with:",
    "          ${{ github.ref }}: 1",
    "      - name: neither run nor uses",
    "      - run: x",
    "        uses: y",
    "      - run: x",
    "        RUN: y",
    "  b:",
    "    uses: ./.github/workflows/x.yml",
    "    steps: []",
    "  c: [1, 2]",
    "  d:",
    "    runs-on: x",
    "    unknown: 1",
    "    timeout-minutes: true",
    "    continue-on-error: 3.5",
    "",
  ].join("\n");
  expect(difference(text, "workflow")).toBeUndefined();
  // And the text above does exercise the error paths: GitHub's reader finds many errors in it.
  const list = events(text, "workflow");
  expect(list).toBeDefined();
  expect(readTemplateEvents(getWorkflowSchema(), ROOTS.workflow, list ?? []).errors.length).toBeGreaterThan(10);
});

test("a key named like an Object member is an unknown key, where GitHub's reader fails on the whole file", () => {
  const text =
    "on: push\njobs:\n  d:\n    runs-on: x\n    constructor: 1\n    toString: 2\n    steps:\n      - run: x\n";
  const list = events(text, "workflow");
  if (!list) throw new Error("the YAML should read");
  // GitHub's reader throws inside and reports one error with no position, and no tree.
  const github = githubRead(events(text, "workflow") ?? [], "workflow");
  expect(github.tree).toBeUndefined();
  expect(github.errors).toEqual(["- Cannot read properties of undefined (reading 'readerContext')"]);
  const ours = readTemplateEvents(getWorkflowSchema(), ROOTS.workflow, list);
  expect(ours.errors.map((e) => `${at(e.range)} ${e.message}`)).toEqual([
    "5:5-5:16 Unexpected value 'constructor'",
    "6:5-6:13 Unexpected value 'toString'",
  ]);
  expect(ours.value).toBeInstanceOf(MappingToken);
});

test("action.yml files (composite, node, docker) read as GitHub reads them", () => {
  const composite = [
    "name: x",
    "description: y",
    "inputs:",
    "  who: { description: w, required: true, default: '${{ github.actor }}' }",
    "outputs:",
    "  out: { description: o, value: '${{ steps.s.outputs.v }}' }",
    "runs:",
    "  using: composite",
    "  steps:",
    "    - id: s",
    "      run: echo ${{ inputs.who }} ${{ secrets.NO }}",
    "      shell: bash",
    "    - uses: actions/checkout@v4",
    "      bogus: 1",
    "",
  ].join("\n");
  expect(difference(composite, "action")).toBeUndefined();
  const docker = "name: d\ndescription: e\nruns:\n  using: docker\n  image: Dockerfile\n  args: ['${{ inputs.a }}']\n";
  expect(difference(docker, "action")).toBeUndefined();
});

test("on mutated workflows both readers agree", () => {
  fc.assert(
    fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, muts) => {
      const text = apply(SEEDS[seed] ?? "", muts);
      if (text.includes("\0")) return;
      const detail = difference(text, seed === 2 ? "action" : "workflow");
      if (detail) throw new Error(`${detail}\n--- for:\n${JSON.stringify(text)}`);
    }),
    // A fixed seed keeps CI deterministic; PARITY_SEED / PARITY_RUNS explore further by hand.
    {
      numRuns: Number(process.env.PARITY_RUNS ?? 2000),
      seed: process.env.PARITY_SEED ? Number(process.env.PARITY_SEED) : 20261204,
    },
  );
});

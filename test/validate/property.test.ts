/**
 * Property: whatever a workflow is mutated into, the engine returns findings (no exception
 * escapes) and every finding points inside the file.
 */
import fc from "fast-check";
import { validateSource } from "../../src/validate/engine.js";
import type { Finding } from "../../src/validate/finding.js";

const SEEDS = [
  `name: CI
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: [20, 22]
        include:
          - os: ubuntu-latest
            node: 24
    steps:
      - uses: actions/checkout@v4
      - id: v
        run: echo "v=\${{ matrix.node }}" >> "$GITHUB_OUTPUT"
      - if: \${{ steps.v.outputs.v == '22' }}
        run: npm test
`,
  `on:
  workflow_dispatch:
    inputs:
      level:
        type: choice
        options: [a, b]
        default: a
permissions:
  contents: read
jobs:
  a:
    runs-on: ubuntu-latest
    outputs:
      x: \${{ steps.s.outputs.x }}
    steps:
      - id: s
        run: |
          echo "x=\${{ inputs.level }}" >> "$GITHUB_OUTPUT"
  b:
    needs: a
    uses: ./.github/workflows/callee.yml
    with:
      x: \${{ needs.a.outputs.x }}
    secrets: inherit
`,
  `name: composite
description: d
inputs:
  who:
    required: true
runs:
  using: composite
  steps:
    - run: echo "\${{ inputs.who }}"
      shell: bash
`,
];

const INSERTS = ["${{", "}}", ":", "- ", "\t", '"', "'", "&a ", "*a", "#", "{", "[", "|", ">", "\r", "\u00a0", "---"];

type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "indent"; at: number; by: number }
  | { kind: "insert"; at: number; column: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("indent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    column: fc.nat(),
    text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4 })),
  }),
);

function apply(text: string, mutations: Mutation[]): string {
  const lines = text.split("\n");
  for (const m of mutations) {
    if (lines.length === 0) break;
    const i = m.at % lines.length;
    const line = lines[i] ?? "";
    if (m.kind === "delete") lines.splice(i, 1);
    else if (m.kind === "duplicate") lines.splice(i, 0, line);
    else if (m.kind === "indent")
      lines[i] = m.by >= 0 ? " ".repeat(m.by) + line : line.slice(Math.min(-m.by, line.search(/\S|$/)));
    else {
      const c = m.column % (line.length + 1);
      lines[i] = line.slice(0, c) + m.text + line.slice(c);
    }
  }
  return lines.join("\n");
}

function withinBounds(text: string, findings: Finding[]): boolean {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = source.split("\n");
  return findings.every((f) => {
    if (!Number.isInteger(f.line) || !Number.isInteger(f.column) || f.line < 1 || f.column < 1) return false;
    if (f.line > lines.length + 1) return false;
    return f.column <= (lines[f.line - 1]?.length ?? 0) + 2;
  });
}

test("mutated workflows never throw and every finding has a position inside the file", () => {
  fc.assert(
    fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, muts) => {
      const file = seed === 2 ? "action.yml" : "w.yml";
      const text = apply(SEEDS[seed] ?? "", muts);
      const findings = validateSource(file, text, { settings: { shellcheck: false } });
      const internal = findings.filter((f) => f.rule === "internal");
      if (internal.length > 0) throw new Error(`internal finding for:\n${text}\n${JSON.stringify(internal)}`);
      if (!withinBounds(text, findings))
        throw new Error(`finding out of bounds:\n${text}\n${JSON.stringify(findings)}`);
    }),
    { numRuns: 2000 },
  );
});

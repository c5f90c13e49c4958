/** Mutated workflows for property tests: seeds, mutations and how they apply. */
import fc from "fast-check";

/**
 * Seed documents: a matrix workflow, dispatch inputs with a reusable call, a composite action, and a
 * workflow with quoted strings over several lines.
 */
export const SEEDS = [
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
  // Quoted strings continued on later lines, some under-indented as apache/airflow writes them.
  `on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - id: py
        run: "echo \\"version=$(python -c
 'import sys; print(sys.version)')\\" >> $GITHUB_OUTPUT"
      - uses: actions/cache@v4
        with:
          path: ~/.cache
          key: "lint-\${{ steps.py.outputs.version }}-\\
\${{ hashFiles('setup.py') }}"
          restore-keys: 'lint-
            \${{ steps.py.outputs.version }}-'
`,
];

const INSERTS = [
  "${{",
  "}}",
  ":",
  "- ",
  "\t",
  "]",
  "}",
  '"',
  "'",
  "&a ",
  "*a",
  "#",
  "{",
  "[",
  "|",
  ">",
  "\r",
  "\u00a0",
  "---",
];

export type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "indent"; at: number; by: number }
  | { kind: "insert"; at: number; column: number; text: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
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

/** Applies line-level mutations (delete, duplicate, re-indent, insert YAML-significant text). */
export function apply(text: string, mutations: Mutation[]): string {
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

/**
 * The shared-parser shortcut (parserFor) must parse exactly as a parser built for each expression,
 * and no state may carry over from one parse to the next.
 */
import fc from "fast-check";
import { Lexer, Parser } from "@actions/expressions";
import { ALL_CONTEXTS, parserFor, RUNTIME_FUNCTIONS } from "../../../src/validate/expr/parse.js";
import { LineIndex } from "../../../src/validate/expr/source-text.js";

/** The AST as JSON, or the error's class and message. */
function outcome(parse: () => unknown): string {
  try {
    return JSON.stringify(parse());
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

function both(text: string, contexts: string[], functions = RUNTIME_FUNCTIONS): [string, string] {
  const tokens = () => new Lexer(text).lex().tokens;
  return [
    outcome(() => new Parser(tokens(), contexts, [...functions]).parse()),
    outcome(() => parserFor(tokens(), contexts, functions).parse()),
  ];
}

const EXAMPLES = [
  "github.event.pull_request.head.ref",
  "steps.build.outputs.version == '1.2' && !cancelled()",
  "fromJSON(needs.setup.outputs.matrix)[0].os",
  "hashFiles('**/package-lock.json', 'x')",
  "secrets.TOKEN || 'none'",
  "format('{0}-{1}', matrix.os, matrix.node)",
  "always(1)",
  "unknown.context",
  "nope()",
  "(((((((((((((((((((((((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))))))))))))))))))))))",
  "a == ",
  "1 +",
];

test("a shared parser gives the same trees and errors as a new parser, in any order", () => {
  const narrow = ["github", "env", "secrets"];
  for (const text of [...EXAMPLES, ...[...EXAMPLES].reverse()]) {
    const [fresh, shared] = both(text, ALL_CONTEXTS);
    expect(shared).toBe(fresh);
    const [freshNarrow, sharedNarrow] = both(text, narrow, []);
    expect(sharedNarrow).toBe(freshNarrow);
  }
});

test("on random expressions built from the grammar's pieces, the shared parser agrees", () => {
  const piece = fc.constantFrom(
    "github.ref",
    "matrix.os",
    "steps.a.outputs.b",
    "'x'",
    "1",
    "true",
    "null",
    "==",
    "!=",
    "&&",
    "||",
    "!",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    "*",
    "success()",
    "contains(",
    "fromJSON(",
    "format(",
    "env.A",
    "nope",
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const [fresh, shared] = both(pieces.join(" "), ALL_CONTEXTS);
      expect(shared).toBe(fresh);
    }),
    { numRuns: 2000, seed: 20261204 },
  );
});

test("line lengths exclude the line break, a CR before it included", () => {
  const index = new LineIndex("on: push\r\njobs:\n\n  a: 1");
  expect([1, 2, 3, 4].map((line) => index.lineLength(line))).toEqual([8, 5, 0, 6]);
  expect(index.lineLength(0)).toBe(0);
  expect(index.lineLength(5)).toBe(0);
});

test("positions are the same whatever order they are asked in", () => {
  const text = "on: push\njobs:\n\n  a:\n    runs-on: x\r\n    steps: []\n" + "- item\n".repeat(40);
  const naive = (offset: number) => {
    const before = text.slice(0, Math.max(0, offset));
    const line = before.split("\n").length;
    return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
  };
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: text.length + 3 }), { maxLength: 60 }), (offsets) => {
      const index = new LineIndex(text);
      for (const offset of offsets) expect(index.positionOf(offset)).toEqual(naive(offset));
    }),
    { numRuns: 500, seed: 20261204 },
  );
});

/**
 * Parses one expression with GitHub's own lexer/parser (@actions/expressions) and extracts the
 * property-access paths (`steps.build.outputs.x`) that the typing and injection rules check.
 */
import { ExpressionError, Lexer, Parser } from "@actions/expressions";
import type { Expr } from "@actions/expressions/ast";
import {
  Binary,
  ContextAccess,
  FunctionCall,
  Grouping,
  IndexAccess,
  Literal,
  Logical,
  Star,
  Unary,
} from "@actions/expressions/ast";
import type { FunctionInfo } from "@actions/expressions/funcs/info";
import { splitAllowedContext } from "@actions/workflow-parser/templates/allowed-context";
import type { Token } from "@actions/expressions/lexer";
import { TokenType } from "@actions/expressions/lexer";
import { BoundedMemo, ScopedMemo } from "../../common/memo.js";

export const ALL_CONTEXTS = [
  "github",
  "env",
  "vars",
  "secrets",
  "inputs",
  "needs",
  "strategy",
  "matrix",
  "steps",
  "job",
  "jobs",
  "runner",
];

export const RUNTIME_FUNCTIONS: FunctionInfo[] = [
  { name: "hashFiles", minArgs: 1, maxArgs: Number.MAX_SAFE_INTEGER },
  { name: "success", minArgs: 0, maxArgs: 0 },
  { name: "always", minArgs: 0, maxArgs: 0 },
  { name: "cancelled", minArgs: 0, maxArgs: 0 },
  { name: "failure", minArgs: 0, maxArgs: 0 },
];

/** 0-based line and column inside the expression text (as the lexer counts them). */
export interface ExprPos {
  line: number;
  column: number;
}

export interface ParseFailure {
  message: string;
  /** Where in the expression text, when the parser says. */
  pos?: ExprPos;
}

export type ParseOutcome = { ok: true; expr: Expr } | { ok: false; error: ParseFailure };

/** Scope key → expression text → outcome. */
const scopedCache = new ScopedMemo<string, string, ParseOutcome>(20_000);

/** Scope keys by the identity of their lists: the same lists come back on almost every call. */
const scopeKeys = new WeakMap<readonly string[], WeakMap<readonly FunctionInfo[], string>>();

/** The cache key's scope part. */
function scopeKey(contexts: readonly string[], functions: readonly FunctionInfo[]): string {
  let byFunctions = scopeKeys.get(contexts);
  if (!byFunctions) {
    byFunctions = new WeakMap();
    scopeKeys.set(contexts, byFunctions);
  }
  let key = byFunctions.get(functions);
  if (key === undefined) {
    key = "";
    for (const name of contexts) key += `${name},`;
    key += "|";
    for (const f of functions) key += `${f.name}/${f.minArgs}/${f.maxArgs},`;
    key += "|";
    byFunctions.set(functions, key);
  }
  return key;
}

const splits = new WeakMap<readonly string[], { namedContexts: string[]; functions: FunctionInfo[] }>();

/**
 * A schema token's allowed-context list split into named contexts and functions (GitHub's
 * `splitAllowedContext`), once per list: the template reader shares one list per definition.
 */
export function splitAllowed(allowed: readonly string[]): { namedContexts: string[]; functions: FunctionInfo[] } {
  let split = splits.get(allowed);
  if (!split) {
    split = splitAllowedContext(allowed as string[]);
    splits.set(allowed, split);
  }
  return split;
}

/** The state of a parse of GitHub's Parser; the rest of it depends only on its contexts and functions. */
interface ParseState {
  tokens: Token[];
  offset: number;
  depth: number;
}

const parserTemplates = new WeakMap<readonly string[], WeakMap<readonly FunctionInfo[], Parser>>();

/**
 * GitHub's expression parser for `tokens`. Its constructor builds maps of the allowed contexts and
 * functions each time, which showed in profiles: so one parser is built per (contexts, functions)
 * list pair, and each parse gets an object inheriting from it that holds the state a parse changes
 * (tokens, offset, depth: the only fields @actions/expressions' Parser writes after construction).
 */
export function parserFor(tokens: Token[], contexts: readonly string[], functions: readonly FunctionInfo[]): Parser {
  let byFunctions = parserTemplates.get(contexts);
  if (!byFunctions) {
    byFunctions = new WeakMap();
    parserTemplates.set(contexts, byFunctions);
  }
  let template = byFunctions.get(functions);
  if (!template) {
    template = new Parser([], [...contexts], [...functions]);
    byFunctions.set(functions, template);
  }
  const parser = Object.create(template) as Parser;
  const state = parser as unknown as ParseState;
  state.tokens = tokens;
  state.offset = 0;
  state.depth = 0;
  return parser;
}

/** Parses `text` allowing the given contexts and functions (default: all of them), memoised per run. */
export function parseExpression(
  text: string,
  contexts: readonly string[] = ALL_CONTEXTS,
  functions: readonly FunctionInfo[] = RUNTIME_FUNCTIONS,
): ParseOutcome {
  const key = scopeKey(contexts, functions);
  return scopedCache.get(key, text) ?? scopedCache.set(key, text, parseUncached(text, contexts, functions));
}

function parseUncached(text: string, contexts: readonly string[], functions: readonly FunctionInfo[]): ParseOutcome {
  try {
    const lexed = new Lexer(text).lex();
    const expr = parserFor(lexed.tokens, contexts, functions).parse();
    return { ok: true, expr };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error: { message: error.message, pos: error.pos } };
    if (error instanceof Error) {
      // The lexer throws plain errors naming a 1-based offset ("Located at position N").
      const at = /Located at position (\d+) within expression/.exec(error.message);
      const message = error.message.replace(/\. Located at position \d+ within expression:[\s\S]*$/, "");
      return { ok: false, error: at ? { message, pos: offsetToExprPos(text, Number(at[1]) - 1) } : { message } };
    }
    throw error;
  }
}

const parseCache = new BoundedMemo<string, ParseOutcome>(20_000);

/** parseExpression with every context and function allowed, memoised (workflows repeat expressions). */
export function parseCached(text: string): ParseOutcome {
  return parseCache.get(text) ?? parseCache.set(text, parseExpression(text));
}

export function offsetToExprPos(text: string, offset: number): ExprPos {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart };
}

export function exprPosToOffset(text: string, pos: ExprPos): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + pos.column;
}

/** One step of a property path: a name (`.foo`, `['foo']`, `[0]`), `*`, or a computed index. */
export type PathSegment =
  { kind: "name"; name: string; pos?: ExprPos } | { kind: "star"; pos?: ExprPos } | { kind: "dynamic"; pos?: ExprPos };

export interface AccessPath {
  /** The context name (`github`, `steps`...) as written. */
  context: string;
  pos: ExprPos;
  segments: PathSegment[];
  /** Lower-cased names of the enclosing function calls, innermost last ("==" and "!" for operators). */
  functions: string[];
}

/** Parsed expressions are shared through the parse caches, so their paths are worth keeping too. */
const pathsOf = new WeakMap<Expr, readonly AccessPath[]>();

/** Every maximal context access chain in the expression, outermost first. */
export function accessPaths(expr: Expr): readonly AccessPath[] {
  let out = pathsOf.get(expr);
  if (!out) {
    const paths: AccessPath[] = [];
    collect(expr, [], paths);
    out = paths;
    pathsOf.set(expr, out);
  }
  return out;
}

function collect(node: Expr, functions: string[], out: AccessPath[]): void {
  if (node instanceof IndexAccess || node instanceof ContextAccess) {
    const segments: PathSegment[] = [];
    let cur: Expr = node;
    while (cur instanceof IndexAccess) {
      segments.unshift(segmentOf(cur.index, functions, out));
      cur = cur.expr;
    }
    if (cur instanceof ContextAccess) {
      out.push({ context: cur.name.lexeme, pos: cur.name.range.start, segments, functions });
    } else {
      collect(cur, functions, out);
    }
    return;
  }
  if (node instanceof FunctionCall) {
    const inner = [...functions, node.functionName.lexeme.toLowerCase()];
    for (const arg of node.args) collect(arg, inner, out);
    return;
  }
  // Comparisons and `!` yield booleans: record them like enclosing functions so callers can tell.
  const wrapped =
    node instanceof Binary ? [...functions, "=="] : node instanceof Unary ? [...functions, "!"] : functions;
  for (const child of childrenOf(node)) collect(child, wrapped, out);
}

function segmentOf(index: Expr, functions: string[], out: AccessPath[]): PathSegment {
  if (index instanceof Literal) {
    const token: Token = index.token;
    const pos = token.range.start;
    if (token.type === TokenType.IDENTIFIER) return { kind: "name", name: token.lexeme, pos };
    if (token.type === TokenType.STRING || token.type === TokenType.NUMBER) {
      return { kind: "name", name: String(token.value ?? token.lexeme), pos };
    }
    return { kind: "dynamic", pos };
  }
  if (index instanceof Star) return { kind: "star" };
  collect(index, functions, out);
  return { kind: "dynamic" };
}

/** The sub-expressions of operators and groupings. */
function childrenOf(node: Expr): Expr[] {
  if (node instanceof Binary) return [node.left, node.right];
  if (node instanceof Logical) return node.args;
  if (node instanceof Unary) return [node.expr];
  if (node instanceof Grouping) return [node.group];
  return [];
}

/** Every function call in the expression, depth first. */
export function functionCalls(expr: Expr): FunctionCall[] {
  const out: FunctionCall[] = [];
  const visit = (node: Expr): void => {
    if (node instanceof FunctionCall) {
      out.push(node);
      node.args.forEach(visit);
      return;
    }
    if (node instanceof IndexAccess) {
      visit(node.expr);
      visit(node.index);
      return;
    }
    childrenOf(node).forEach(visit);
  };
  visit(expr);
  return out;
}

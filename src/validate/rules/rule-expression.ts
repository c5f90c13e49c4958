/**
 * [expression] What GitHub's parser leaves unchecked in expressions: bare `if:` conditions (no
 * `${{ }}`, which the parser keeps as plain strings) and `format()` calls whose placeholders do
 * not match their arguments. Syntax errors inside `${{ }}` are the parser's ([schema]).
 */
import type { FunctionInfo } from "@actions/expressions/funcs/info";
import { FunctionCall, Literal } from "@actions/expressions/ast";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import {
  bareCondition,
  child,
  embeddedExpressions,
  forEachExpression,
  type LocatedExpression,
  positionIn,
} from "../expr/located.js";
import { ALL_CONTEXTS, functionCalls, parseCached, parseExpression, splitAllowed } from "../expr/parse.js";
import { suggestion } from "../expr/contexts.js";
import { lineIndexFor } from "../expr/source-text.js";
import type { Rule, RuleContext } from "../rule.js";

const STATUS_FUNCTIONS: FunctionInfo[] = [
  { name: "success", minArgs: 0, maxArgs: 0 },
  { name: "always", minArgs: 0, maxArgs: 0 },
  { name: "cancelled", minArgs: 0, maxArgs: 0 },
  { name: "failure", minArgs: 0, maxArgs: 0 },
];
const BUILTIN_FUNCTIONS = ["contains", "startsWith", "endsWith", "format", "join", "toJSON", "fromJSON", "case"];
const ALL_FUNCTIONS = [...BUILTIN_FUNCTIONS, "hashFiles", "success", "always", "cancelled", "failure"];
const HASH_FILES: FunctionInfo = { name: "hashFiles", minArgs: 1, maxArgs: Number.MAX_SAFE_INTEGER };

/** Contexts GitHub documents for `if:` when the schema token carries none. */
const FALLBACK = {
  job: { contexts: ["github", "needs", "vars", "inputs"], functions: STATUS_FUNCTIONS },
  step: {
    contexts: ["github", "needs", "strategy", "matrix", "job", "runner", "env", "vars", "steps", "inputs"],
    functions: [...STATUS_FUNCTIONS, HASH_FILES],
  },
};

function allowedFor(token: TemplateToken, where: "job" | "step"): { contexts: string[]; functions: FunctionInfo[] } {
  const allowed = token.definitionInfo?.allowedContext;
  if (allowed && allowed.length > 0) {
    const split = splitAllowed(allowed);
    return { contexts: split.namedContexts, functions: split.functions };
  }
  return FALLBACK[where];
}

function checkCondition(ctx: RuleContext, token: TemplateToken | undefined, where: "job" | "step"): void {
  if (!token) return;
  const index = lineIndexFor(ctx.source);
  const located = bareCondition(index, token);
  if (!located) return;
  const { contexts, functions } = allowedFor(token, where);
  const outcome = parseExpression(located.text, contexts, functions);
  if (outcome.ok) {
    checkFormatCalls(ctx, located);
    return;
  }
  const at = positionIn(index, located, outcome.error.pos);
  const named = /^Unrecognized named-value: '([^']*)'/.exec(outcome.error.message);
  if (named?.[1] !== undefined) {
    const name = named[1];
    if (ALL_CONTEXTS.includes(name.toLowerCase())) {
      ctx.report(at, `context "${name}" is not available in a ${where} "if:" condition`, {
        hint: `available here: ${contexts.join(", ")}`,
      });
    } else {
      ctx.report(at, `unknown context "${name}" in "if:" condition`, {
        hint: `available here: ${contexts.join(", ")}`,
      });
    }
    return;
  }
  const fn = /^Unrecognized function: '([^']*)'/.exec(outcome.error.message);
  if (fn?.[1] !== undefined) {
    const name = fn[1];
    const here = [...BUILTIN_FUNCTIONS, ...functions.map((f) => f.name)];
    if (ALL_FUNCTIONS.some((f) => f.toLowerCase() === name.toLowerCase())) {
      ctx.report(at, `function "${name}" is not available in a ${where} "if:" condition`, {
        hint: `functions here: ${here.join(", ")}`,
      });
    } else {
      ctx.report(at, `unknown function "${name}"`, {
        hint: suggestion(name, here) ?? `functions here: ${here.join(", ")}`,
      });
    }
    return;
  }
  ctx.report(at, `invalid "if:" condition: ${outcome.error.message}`);
}

/** Positions of `{N}` placeholders in a format string; undefined when the string is malformed. */
export function formatPlaceholders(format: string): number[] | undefined {
  const found: number[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === "{") {
      if (format[i + 1] === "{") {
        i++;
        continue;
      }
      const close = format.indexOf("}", i);
      const body = close === -1 ? "" : format.slice(i + 1, close);
      if (!/^\d+$/.test(body)) return undefined;
      found.push(Number(body));
      i = close;
    } else if (c === "}") {
      if (format[i + 1] !== "}") return undefined;
      i++;
    }
  }
  return found;
}

function checkFormatCalls(ctx: RuleContext, located: LocatedExpression): void {
  const outcome = parseCached(located.text);
  if (!outcome.ok) return;
  const index = lineIndexFor(ctx.source);
  for (const call of functionCalls(outcome.expr)) {
    if (!(call instanceof FunctionCall) || call.functionName.lexeme.toLowerCase() !== "format") continue;
    const first = call.args[0];
    if (!(first instanceof Literal) || typeof first.token.value !== "string") continue;
    const at = positionIn(index, located, call.functionName.range.start);
    const placeholders = formatPlaceholders(first.token.value);
    if (!placeholders) {
      ctx.report(at, `format string ${JSON.stringify(first.token.value)} is malformed`, {
        hint: "placeholders are {0}, {1}, ...; write {{ and }} for literal braces",
      });
      continue;
    }
    const given = call.args.length - 1;
    const missing = [...new Set(placeholders.filter((n) => n >= given))].sort((a, b) => a - b);
    for (const n of missing) {
      const args = given === 1 ? "1 argument follows" : `${given} arguments follow`;
      ctx.report(at, `format string references {${n}} but only ${args} it`);
    }
    for (let n = 0; n < given; n++) {
      if (!placeholders.includes(n)) ctx.report(at, `format argument {${n}} is not used in the format string`);
    }
  }
}

const FORMAT_CALL = /format\s*\(/i;

function checkAllFormats(ctx: RuleContext, root: MappingToken): void {
  const index = lineIndexFor(ctx.source);
  // Only expressions the parser accepted; the parser itself wraps text+expressions in format().
  forEachExpression(root, (scalar) => {
    const written = scalar.originalExpressions?.map((e) => e.expression) ?? [scalar.expression];
    if (!written.some((text) => FORMAT_CALL.test(text))) return;
    for (const located of embeddedExpressions(index, scalar)) {
      if (located.closed && FORMAT_CALL.test(located.text)) checkFormatCalls(ctx, located);
    }
  });
}

export const expressionRule: Rule = {
  id: "expression",
  description: "Bare if: conditions (syntax, functions, contexts) and format() placeholders",
  severity: "error",
  workflow(ctx, root) {
    checkAllFormats(ctx, root);
  },
  action(ctx, root) {
    checkAllFormats(ctx, root);
    const runs = child(root, "runs");
    checkCondition(ctx, child(runs, "pre-if"), "step");
    checkCondition(ctx, child(runs, "post-if"), "step");
  },
  job(ctx, job) {
    checkCondition(ctx, job.token.find("if"), "job");
  },
  step(ctx, step) {
    checkCondition(ctx, step.token.find("if"), "step");
  },
};

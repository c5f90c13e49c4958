/** Expressions found in a scalar token, each with its place in the file. */
import { isBasicExpression, isMapping, isSequence, isString } from "@actions/workflow-parser";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import type { BasicExpressionToken } from "@actions/workflow-parser/templates/tokens/basic-expression-token";
import { EXPRESSION_HOLDERS } from "../template-reader.js";
import type { Position } from "../finding.js";
import { exprPosToOffset, type ExprPos } from "./parse.js";
import { scanExpressions } from "./scan.js";
import { type LineIndex, rawScalar } from "./source-text.js";

export interface LocatedExpression {
  /** The expression text (between `${{` and `}}`, or a whole bare `if:` condition). */
  text: string;
  /** Offset of `text` in the file. */
  offset: number;
  /** Where the `${{` (or the bare condition) starts. */
  start: Position;
  closed: boolean;
}

/** True when the token is a scalar that may hold `${{ }}`. */
export function mayHoldExpressions(token: TemplateToken): boolean {
  if (isBasicExpression(token)) return true;
  return isString(token) && token.value.includes("${{");
}

/** Every `${{ }}` of a scalar token, located in the file's raw text. */
export function embeddedExpressions(index: LineIndex, token: TemplateToken): LocatedExpression[] {
  if (!mayHoldExpressions(token)) return [];
  const raw = rawScalar(index, token);
  if (!raw) return [];
  return scanExpressions(raw.raw).map((span) => ({
    text: span.inner,
    offset: raw.start + span.innerStart,
    start: index.positionOf(raw.start + span.start),
    closed: span.closed,
  }));
}

/**
 * A bare `if:` condition (no `${{`) as one expression. The raw text is used so positions map
 * one to one; it parses like the value (folding only changes whitespace).
 */
export function bareCondition(index: LineIndex, token: TemplateToken): LocatedExpression | undefined {
  if (!isString(token) || token.value.includes("${{") || token.value.trim() === "") return undefined;
  const raw = rawScalar(index, token);
  if (!raw) return undefined;
  let text = raw.raw;
  let offset = raw.start;
  const first = text[0];
  if (first === '"' || first === "'") {
    text = text.endsWith(first) && text.length > 1 ? text.slice(1, -1) : text.slice(1);
    offset += 1;
    // Quote escapes change the text; fall back to the value (positions then approximate).
    if (!text.includes("\n") && text.replace(/\s+/g, " ").trim() !== token.value.replace(/\s+/g, " ").trim()) {
      text = token.value;
    }
  } else if (first === "|" || first === ">") {
    const nl = text.indexOf("\n");
    text = nl === -1 ? "" : text.slice(nl + 1);
    offset += nl + 1;
  }
  const lead = text.length - text.trimStart().length;
  return { text, offset, start: index.positionOf(offset + lead), closed: true };
}

/** The file position of a place inside a located expression. */
export function positionIn(index: LineIndex, located: LocatedExpression, pos: ExprPos | undefined): Position {
  if (!pos || located.offset < 0) return located.start;
  return index.positionOf(located.offset + exprPosToOffset(located.text, pos));
}

/** `mapping[key]` if the mapping has it. */
export function child(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  if (!token || !isMapping(token)) return undefined;
  return token.find(key);
}

export function stringValue(token: TemplateToken | undefined): string | undefined {
  return token && isString(token) ? token.value : undefined;
}

/** Keys of a mapping token. */
export function mappingKeys(token: TemplateToken | undefined): string[] {
  if (!token || !isMapping(token)) return [];
  const keys: string[] = [];
  for (let i = 0; i < token.count; i++) {
    const key = token.get(i).key;
    if (isString(key)) keys.push(key.value);
  }
  return keys;
}

/**
 * Calls `visit` for every `${{ }}` value below `token` (keys excluded), depth first, without walking
 * the subtrees that hold none (the template reader marks those that do).
 */
export function forEachExpression(token: TemplateToken, visit: (expression: BasicExpressionToken) => void): void {
  if (isBasicExpression(token)) {
    visit(token);
    return;
  }
  if (!EXPRESSION_HOLDERS.has(token)) return;
  if (isMapping(token)) {
    for (let i = 0; i < token.count; i++) forEachExpression(token.get(i).value, visit);
  } else if (isSequence(token)) {
    for (let i = 0; i < token.count; i++) forEachExpression(token.get(i), visit);
  }
}

export function asMapping(token: TemplateToken | undefined): MappingToken | undefined {
  return token && isMapping(token) ? token : undefined;
}

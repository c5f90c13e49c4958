/**
 * The text of a `run:` script and a map from its lines back to the workflow file. Block scalars
 * (`|`) keep their lines; one-line scalars sit on the key's line; folded and multi-line flow
 * scalars are mapped to the token start only.
 */
import { isString } from "@actions/workflow-parser";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import type { Position } from "../finding.js";
import { type LineIndex, rawScalar } from "./source-text.js";

export interface RunScript {
  text: string;
  /** File position of a 1-based script line/column. */
  locate(line: number, column: number): Position;
}

export function runScript(index: LineIndex, token: TemplateToken): RunScript | undefined {
  const raw = rawScalar(index, token);
  if (!raw || !token.range) return undefined;
  const startPos = token.range.start;
  const tokenStart: Position = { line: startPos.line, column: startPos.column };
  const head = raw.raw[0];
  if (head === "|") {
    const nl = raw.raw.indexOf("\n");
    if (nl === -1) return undefined;
    const body = raw.raw.slice(nl + 1);
    const lines = body.split("\n");
    const header = raw.raw.slice(0, nl);
    const explicit = /[1-9]/.exec(header);
    let indent = 0;
    if (explicit) {
      // An explicit indentation indicator counts from the indentation of the key's mapping.
      const parent = /^[ ]*(?:-[ ]+)*/.exec(index.lineText(startPos.line))?.[0].length ?? 0;
      indent = Number(explicit[0]) + parent;
    } else {
      const firstContent = lines.find((l) => l.trim() !== "");
      indent = firstContent === undefined ? 0 : firstContent.length - firstContent.trimStart().length;
    }
    const text = isString(token) ? token.value : lines.map((l) => l.slice(indent).replace(/\r$/, "")).join("\n");
    const firstLine = startPos.line + 1;
    return { text, locate: (line, column) => ({ line: firstLine + line - 1, column: column + indent }) };
  }
  if (head === ">") {
    if (!isString(token)) return undefined;
    return { text: token.value, locate: () => tokenStart };
  }
  const singleLine = token.range.start.line === token.range.end.line;
  if (!singleLine) {
    if (!isString(token)) return undefined;
    return { text: token.value, locate: () => tokenStart };
  }
  if (head === '"' || head === "'") {
    const text = isString(token) ? token.value : raw.raw.slice(1, -1);
    const exact = text === raw.raw.slice(1, -1);
    return {
      text,
      locate: (_line, column) => (exact ? { line: startPos.line, column: startPos.column + column } : tokenStart),
    };
  }
  const text = isString(token) ? token.value : raw.raw;
  return { text, locate: (_line, column) => ({ line: startPos.line, column: startPos.column + column - 1 }) };
}

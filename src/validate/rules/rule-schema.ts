/**
 * [schema] GitHub's own schema errors from @actions/workflow-parser (unknown or missing keys, wrong
 * types, unknown events and activity types, contexts not allowed at a key), reworded to name the
 * key and where it sits.
 */
import type { ParseRule, ParseRuleContext } from "../parse-rule.js";
import type { ParsedDocument, PathSegment, SchemaError } from "../parse.js";

const UNEXPECTED_VALUE = /^Unexpected value '(.*)'$/s;
const MISSING = /^Required property is missing: (.+)$/;
const NAMED_VALUE = /^Unrecognized named-value: '([^']*)'/;
const UNRECOGNIZED_FUNCTION = /^Unrecognized function: '([^']*)'/;
const ALREADY_DEFINED = /^'.*' is already defined$/s;
const AMBIGUOUS = /^There's not enough info to determine what you meant\. Add one of these properties: (.+)$/;

/** "job \"build\"", "step 2 of job \"build\"", "the \"push\" event", or "\"key\"" for a path. */
export function describePath(path: readonly PathSegment[], kind: ParsedDocument["kind"]): string {
  if (path.length === 0) return kind === "workflow" ? "the workflow" : "the action metadata";
  const [first, second, third, fourth] = path;
  if (kind === "workflow") {
    if (first === "jobs" && typeof second === "string") {
      if (path.length === 2) return `job "${second}"`;
      if (third === "steps" && typeof fourth === "number" && path.length === 4) {
        return `step ${fourth + 1} of job "${second}"`;
      }
    }
    if (first === "on" && typeof second === "string" && path.length === 2) return `the "${second}" event`;
    if (first === "on" && typeof second === "string" && typeof third === "string") {
      return `"${third}" of the "${second}" event`;
    }
  } else if (first === "runs" && second === "steps" && typeof third === "number" && path.length === 3) {
    return `step ${third + 1}`;
  }
  const last = path[path.length - 1];
  return typeof last === "number" ? `"${path.filter((p) => typeof p === "string").pop() ?? ""}"` : `"${String(last)}"`;
}

function isEventPath(path: readonly PathSegment[], isKey: boolean, kind: ParsedDocument["kind"]): boolean {
  if (kind !== "workflow" || path[0] !== "on") return false;
  if (path.length === 1) return !isKey;
  if (path.length === 2) return isKey || typeof path[1] === "number";
  return false;
}

interface Worded {
  message: string;
  hint?: string;
  position?: { line: number; column: number };
}

function reword(error: SchemaError, doc: ParsedDocument): Worded | undefined {
  const raw = error.message;
  if (ALREADY_DEFINED.test(raw)) return undefined; // the syntax rule reports duplicate keys
  const collection =
    MISSING.test(raw) ||
    AMBIGUOUS.test(raw) ||
    raw === "A sequence was not expected" ||
    raw === "A mapping was not expected";
  const at = error.range
    ? doc.pathAt(error.range.start.line, error.range.start.column, collection ? "collection" : "scalar")
    : undefined;
  const unexpected = UNEXPECTED_VALUE.exec(raw);
  if (unexpected) {
    const value = unexpected[1] ?? "";
    if (at && isEventPath(at.path, at.isKey, doc.kind)) {
      return {
        message: `unknown event "${value}"`,
        hint: "see https://docs.github.com/actions/using-workflows/events-that-trigger-workflows",
      };
    }
    const [first, second, third] = at?.path ?? [];
    if (doc.kind === "workflow" && first === "on" && typeof second === "string" && third === "types") {
      if (at?.path.length === 3) {
        return {
          message: `"types" of the "${second}" event must be a list, e.g. [${value}]`,
        };
      }
      return {
        message: `unknown activity type "${value}" for the "${second}" event`,
        hint: "see https://docs.github.com/actions/using-workflows/events-that-trigger-workflows",
      };
    }
    if (at?.isKey) {
      return { message: `unexpected key "${value}" in ${describePath(at.path.slice(0, -1), doc.kind)}` };
    }
    if (at) return { message: `unexpected value "${value}" for ${describePath(at.path, doc.kind)}` };
    return { message: `unexpected value "${value}"` };
  }
  const missing = MISSING.exec(raw);
  if (missing) {
    const where = at ? ` in ${describePath(at.path, doc.kind)}` : "";
    // Point at the key that owns the incomplete mapping (`build:`), as a reader looks for it there.
    const position = at?.keyOffset !== undefined ? doc.positionOf(at.keyOffset) : undefined;
    return { message: `missing required key "${missing[1] ?? ""}"${where}`, position };
  }
  if (raw === "A sequence was not expected" || raw === "A mapping was not expected") {
    const shape = raw.startsWith("A sequence") ? "a sequence" : "a mapping";
    if (at && at.path.length > 0) return { message: `${describePath(at.path, doc.kind)} must not be ${shape}` };
    return { message: `${shape} was not expected here` };
  }
  const ambiguous = AMBIGUOUS.exec(raw);
  if (ambiguous) {
    const where = at ? describePath(at.path, doc.kind) : "this mapping";
    const position = at?.keyOffset !== undefined ? doc.positionOf(at.keyOffset) : undefined;
    const isStep = at !== undefined && typeof at.path[at.path.length - 1] === "number" && at.path.includes("steps");
    const message = isStep
      ? `${where} has neither "run" nor "uses"`
      : `${where} is incomplete: add one of ${ambiguous[1] ?? ""}`;
    return { message, position };
  }
  const named = NAMED_VALUE.exec(raw);
  if (named) {
    const key = at?.path.filter((p): p is string => typeof p === "string").pop();
    return {
      message: `context "${named[1] ?? ""}" is not available ${key ? `in "${key}"` : "here"}`,
      hint: "see https://docs.github.com/actions/learn-github-actions/contexts#context-availability",
    };
  }
  const fn = UNRECOGNIZED_FUNCTION.exec(raw);
  if (fn) return { message: `unknown function "${fn[1] ?? ""}" in expression` };
  const text = raw.replace(/\.$/, "");
  return { message: text.charAt(0).toLowerCase() + text.slice(1) };
}

export const schemaRule: ParseRule = {
  id: "schema",
  description: "Keys, value types, events and contexts must match GitHub's workflow and action schema.",
  severity: "error",
  parsed(ctx: ParseRuleContext, doc: ParsedDocument) {
    for (const error of doc.schema) {
      const worded = reword(error, doc);
      if (!worded) continue;
      const at = worded.position ?? (error.range ? error.range.start : { line: 1, column: 1 });
      ctx.report(at, worded.message, worded.hint ? { hint: worded.hint } : undefined);
    }
  },
};

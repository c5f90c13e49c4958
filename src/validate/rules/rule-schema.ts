/**
 * [schema] GitHub's own schema errors from @actions/workflow-parser (unknown or missing keys, wrong
 * types, unknown events and activity types, contexts not allowed at a key), reworded to name the
 * key and where it sits.
 */
import type { ParseRule, ParseRuleContext } from "../parse-rule.js";
import { MappingToken, SequenceToken, type TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import type { Position } from "../finding.js";
import type { NodeLocation, ParsedDocument, PathSegment, SchemaError } from "../parse.js";
import { getWorkflowSchema } from "@actions/workflow-parser/workflows/workflow-schema";

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
  severity?: "warning";
}

/**
 * Whether the value of `key` in `mapping` may be a single value in the schema (not only a list). The
 * reader leaves a value it refused without a definition; the key keeps its value's.
 */
function scalarAllowed(mapping: TemplateToken | undefined, key: string): boolean {
  if (!(mapping instanceof MappingToken)) return false;
  for (let i = 0; i < mapping.count; i++) {
    const pair = mapping.get(i);
    if (pair.key.toString() !== key) continue;
    const definition = pair.key.definitionInfo?.definition;
    return definition !== undefined && getWorkflowSchema().getScalarDefinitions(definition).length > 0;
  }
  return false;
}

function locate(error: SchemaError, doc: ParsedDocument): NodeLocation | undefined {
  const raw = error.message;
  const collection =
    MISSING.test(raw) ||
    AMBIGUOUS.test(raw) ||
    raw === "A sequence was not expected" ||
    raw === "A mapping was not expected";
  return error.range
    ? doc.pathAt(error.range.start.line, error.range.start.column, collection ? "collection" : "scalar")
    : undefined;
}

function reword(error: SchemaError, doc: ParsedDocument): Worded | undefined {
  const raw = error.message;
  if (ALREADY_DEFINED.test(raw)) return undefined; // the syntax rule reports duplicate keys
  const at = locate(error, doc);
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
      // A single type where the schema takes only a list (`repository_dispatch`): GitHub runs such
      // workflows (microsoft/TypeScript's nightly publishes that way), so this is a warning.
      if (at?.path.length === 3 && !scalarAllowed(tokenAt(doc.root, at.path.slice(0, 2)), "types")) {
        return {
          message: `"types" of the "${second}" event should be a list, e.g. [${value}]`,
          hint: "GitHub accepts a single type here, but its published workflow schema (and editors using it) asks for a list",
          severity: "warning",
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

/** Keys only a `run:` step takes, each with what to tell someone who put it on an action step. */
const RUN_ONLY_KEYS: ReadonlyMap<string, string> = new Map([
  [
    "working-directory",
    "an action step (`uses:`) takes no working directory: remove the key, or pass the path in `with:`",
  ],
  ["shell", "an action step (`uses:`) has no shell: remove the key"],
]);
const USES_ONLY_KEYS: ReadonlySet<string> = new Set(["uses", "with"]);

function isStepPath(path: readonly PathSegment[]): boolean {
  return typeof path[path.length - 1] === "number" && path[path.length - 2] === "steps";
}

function tokenAt(root: TemplateToken | undefined, path: readonly PathSegment[]): TemplateToken | undefined {
  let node = root;
  for (const segment of path) {
    if (typeof segment === "number")
      node = node instanceof SequenceToken && segment < node.count ? node.get(segment) : undefined;
    else node = node instanceof MappingToken ? node.find(segment) : undefined;
  }
  return node;
}

/** The step an error belongs to, and the key it names when it is an unexpected key. */
interface StepError {
  step: string;
  path: PathSegment[];
  key?: string;
  missing?: string;
}

/**
 * A step with `uses:` and a run-only key makes the parser pick one step type by the first key and
 * report the others (2-3 findings); this finds such steps so they get one finding per run-only key.
 */
function actionStepsWithRunKeys(
  doc: ParsedDocument,
  located: (StepError | undefined)[],
): Map<string, Map<string, Position>> {
  const keysByStep = new Map<string, { path: PathSegment[]; keys: Map<string, Position> }>();
  doc.schema.forEach((error, i) => {
    const where = located[i];
    if (!where) return;
    const entry = keysByStep.get(where.step) ?? { path: where.path, keys: new Map<string, Position>() };
    keysByStep.set(where.step, entry);
    if (where.key !== undefined && error.range) entry.keys.set(where.key, error.range.start);
  });
  const found = new Map<string, Map<string, Position>>();
  for (const [step, { path, keys }] of keysByStep) {
    const token = tokenAt(doc.root, path);
    if (token instanceof MappingToken) {
      for (const pair of token) {
        if (pair.key.range && !keys.has(pair.key.toString())) keys.set(pair.key.toString(), pair.key.range.start);
      }
    }
    const runKeys = new Map([...keys].filter(([key]) => RUN_ONLY_KEYS.has(key)));
    if (keys.has("uses") && !keys.has("run") && runKeys.size > 0) found.set(step, runKeys);
  }
  return found;
}

function stepError(error: SchemaError, doc: ParsedDocument): StepError | undefined {
  const at = locate(error, doc);
  if (!at) return undefined;
  const unexpected = UNEXPECTED_VALUE.exec(error.message);
  if (unexpected && at.isKey && isStepPath(at.path.slice(0, -1))) {
    const path = at.path.slice(0, -1);
    return { step: JSON.stringify(path), path, key: unexpected[1] ?? "" };
  }
  const missing = MISSING.exec(error.message);
  if (missing && isStepPath(at.path))
    return { step: JSON.stringify(at.path), path: at.path, missing: missing[1] ?? "" };
  return undefined;
}

export const schemaRule: ParseRule = {
  id: "schema",
  description: "Keys, value types, events and contexts must match GitHub's workflow and action schema.",
  severity: "error",
  parsed(ctx: ParseRuleContext, doc: ParsedDocument) {
    const located = doc.schema.map((error) => stepError(error, doc));
    const misplaced = actionStepsWithRunKeys(doc, located);
    doc.schema.forEach((error, i) => {
      const where = located[i];
      if (where && misplaced.has(where.step)) {
        // The step's `run`/`shell` is "missing" only because the parser took it for a run step.
        if (where.missing !== undefined) return;
        if (where.key !== undefined && (USES_ONLY_KEYS.has(where.key) || RUN_ONLY_KEYS.has(where.key))) return;
      }
      const worded = reword(error, doc);
      if (!worded) return;
      const at = worded.position ?? (error.range ? error.range.start : { line: 1, column: 1 });
      ctx.report(at, worded.message, {
        ...(worded.hint ? { hint: worded.hint } : {}),
        ...(worded.severity ? { severity: worded.severity } : {}),
      });
    });
    for (const keys of misplaced.values()) {
      for (const [key, at] of keys) {
        ctx.report(at, `\`${key}\` is only allowed in \`run:\` steps`, { hint: RUN_ONLY_KEYS.get(key) ?? "" });
      }
    }
  },
};

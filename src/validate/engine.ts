/**
 * The validate engine: parse each file once, run the parser rules, walk the tokens once calling
 * every rule's hooks, drop suppressed findings, sort and de-duplicate.
 */
import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
import { basename, resolve } from "node:path";
import { errorMessage } from "../common/errors.js";
import { type AsyncPhase, createRuleContext, DEFAULT_SETTINGS, type DocumentFacts } from "./context.js";
import {
  applySuppressions,
  compileIgnores,
  ignoredRulesFor,
  readSuppressions,
  type IgnoreEntry,
  type PathIgnore,
} from "./disable.js";
import { sortFindings, type Finding } from "./finding.js";
import { createLocalLookups } from "./lookups-local.js";
import { remoteActionMetadata } from "./metadata/popular.js";
import { LineIndex, lineIndexFor } from "./expr/source-text.js";
import { parseSource } from "./parse.js";
import { isParseRule, type ParseRuleContext } from "./parse-rule.js";
import type { DocumentKind, Lookups, Rule, ValidateSettings } from "./rule.js";
import { ALL_RULES } from "./rules/index.js";
import { INTERNAL_RULE, walkAction, walkWorkflow, type ActiveRule } from "./walk.js";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/index";

export interface ValidateOptions {
  settings?: Partial<ValidateSettings>;
  /** Defaults to local lookups rooted at `root`. */
  lookups?: Lookups;
  /** Repository root for local lookups; default the current directory. */
  root?: string;
  /** The rules to run; default every registered rule. */
  rules?: readonly Rule[];
  /** Only these rule ids (the CLI's `--rule`); empty or unset = all. */
  only?: readonly string[];
  /** Per-path ignores (config `validate.ignore`). */
  ignore?: readonly IgnoreEntry[];
}

/** Options resolved once for a whole run. */
export interface PreparedOptions {
  readonly prepared: true;
  root: string;
  settings: ValidateSettings;
  lookups: Lookups;
  rules: readonly Rule[];
  ignores: PathIgnore[];
}

const ACTION_FILE = /^action\.ya?ml$/i;

/** `action.yml`/`action.yaml` are action metadata; everything else is a workflow. */
export function documentKind(file: string): DocumentKind {
  return ACTION_FILE.test(basename(file)) ? "action" : "workflow";
}

export function prepareOptions(options: ValidateOptions | PreparedOptions = {}): PreparedOptions {
  if ("prepared" in options) return options;
  const root = options.root ?? process.cwd();
  const settings: ValidateSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const only = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
  const disabled = new Set(settings.disabledRules);
  const rules = (options.rules ?? ALL_RULES).filter((r) => !disabled.has(r.id) && (!only || only.has(r.id)));
  return {
    prepared: true,
    root,
    settings,
    lookups: options.lookups ?? createLocalLookups({ root, remote: remoteActionMetadata }),
    rules,
    ignores: compileIgnores(options.ignore ?? []),
  };
}

/**
 * Parses and runs the parser rules; returns only the token root, so the yaml tree (and its source
 * tokens) can be collected while the walk runs.
 */
function parseAndCheck(
  file: string,
  kind: DocumentKind,
  source: string,
  rules: readonly Rule[],
  sink: Finding[],
): MappingToken | undefined {
  const doc = parseSource(source, kind);
  for (const rule of rules) {
    if (!isParseRule(rule)) continue;
    const ctx: ParseRuleContext = {
      file,
      kind,
      source,
      report(at, message, options) {
        const finding: Finding = {
          file,
          line: Math.max(1, at.line),
          column: Math.max(1, at.column),
          rule: rule.id,
          severity: options?.severity ?? rule.severity,
          message,
        };
        if (options?.hint) finding.hint = options.hint;
        sink.push(finding);
      },
    };
    rule.parsed(ctx, doc);
  }
  return doc.root;
}

function runRules(file: string, source: string, prepared: PreparedOptions, sink: Finding[], phase?: AsyncPhase): void {
  const kind = documentKind(file);
  const ignored = ignoredRulesFor(file, prepared.ignores);
  if (ignored === "all") return;
  const rules = ignored.size === 0 ? prepared.rules : prepared.rules.filter((r) => !ignored.has(r.id));
  const root = parseAndCheck(file, kind, source, rules, sink);
  if (!root) return;
  const facts: DocumentFacts = {
    file,
    kind,
    source,
    settings: prepared.settings,
    lookups: prepared.lookups,
    root,
  };
  if (phase) facts.asyncPhase = phase;
  const active: ActiveRule[] = rules
    .filter((rule) => !isParseRule(rule))
    .map((rule) => ({ rule, ctx: createRuleContext(facts, rule, sink), failed: false }));
  if (active.length === 0) return;
  if (kind === "workflow") walkWorkflow(root, active, file, sink);
  else walkAction(root, active, file, sink);
}

/** Keeps every position inside the file, whatever a rule computed (a finding must be clickable). */
function clampPositions(findings: Finding[], source: string): Finding[] {
  if (findings.length === 0) return findings;
  const index = lineIndexFor(source);
  for (const f of findings) {
    const line = Math.min(Math.max(1, Math.trunc(f.line) || 1), index.lineCount);
    const max = index.lineLength(line) + 1;
    const column = Math.min(Math.max(1, Math.trunc(f.column) || 1), max);
    if (line !== f.line || column !== f.column) {
      f.line = line;
      f.column = column;
    }
  }
  return findings;
}

/** Runs the rules on one file into a fresh sink; a crash anywhere becomes an `[internal]` finding. */
function lintInto(file: string, source: string, prepared: PreparedOptions, phase?: AsyncPhase): Finding[] {
  const sink: Finding[] = [];
  try {
    runRules(file, source, prepared, sink, phase);
  } catch (error) {
    sink.push({
      file,
      line: 1,
      column: 1,
      rule: INTERNAL_RULE,
      severity: "error",
      message: `could not lint this file: ${errorMessage(error).split("\n", 1)[0]}`,
      hint: "this is a bug in redundancy; please report it with the file that triggers it",
    });
  }
  return sink;
}

/** A file's final findings: positions clamped, suppressed ones dropped, sorted and de-duplicated. */
function finishFindings(sink: Finding[], source: string): Finding[] {
  return sortFindings(applySuppressions(clampPositions(sink, source), readSuppressions(source)));
}

/**
 * Lints one file's text. Pure and synchronous apart from the lookups it is given; never throws for
 * any input: a crash anywhere becomes an `[internal]` finding.
 */
export function validateSource(file: string, text: string, options: ValidateOptions | PreparedOptions = {}): Finding[] {
  const prepared = prepareOptions(options);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return finishFindings(lintInto(file, source, prepared), source);
}

/** The engine's side of AsyncPhase: collects flushes and tracked work, and waits for all of it. */
class RunPhase implements AsyncPhase {
  private flushes: (() => void)[] = [];
  private work: Promise<void>[] = [];

  onFlush(flush: () => void): void {
    this.flushes.push(flush);
  }
  track(work: Promise<void>): void {
    this.work.push(work);
  }
  get busy(): boolean {
    return this.work.length > 0;
  }
  async settle(): Promise<void> {
    const flushes = this.flushes;
    this.flushes = [];
    for (const flush of flushes) flush();
    // Tracked work may track more (a finished batch starts the next), so wait until none is left.
    while (this.work.length > 0) {
      const batch = this.work;
      this.work = [];
      await Promise.all(batch);
    }
  }
}

/** Files walked between two turns of the event loop, so finished background work can start more. */
const FILES_PER_TURN = 25;

const UTF8 = new TextDecoder("utf-8");

/** Position of the first byte that is not valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return { line, column };
    for (let k = 1; k < length; k++) {
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return { line, column };
    }
    if (b === 0x0a) {
      line++;
      column = 1;
    } else {
      column++;
    }
    i += length;
  }
  return { line, column };
}

/** Decodes a file's bytes, or returns the finding that explains why it cannot be linted. */
export function decodeFile(file: string, bytes: Uint8Array): { text: string } | { finding: Finding } {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const head = Buffer.from(bytes.subarray(0, nul)).toString("latin1");
    return {
      finding: {
        file,
        ...new LineIndex(head).positionOf(nul),
        rule: "syntax",
        severity: "error",
        message: "file is binary (contains NUL bytes), not YAML",
      },
    };
  }
  if (isUtf8(bytes)) return { text: UTF8.decode(bytes) };
  return {
    finding: {
      file,
      ...firstInvalidUtf8(bytes),
      rule: "syntax",
      severity: "error",
      message: "file is not valid UTF-8 text",
      hint: "GitHub reads workflows as UTF-8; re-save the file with UTF-8 encoding",
    },
  };
}

export interface ValidateFilesResult {
  findings: Finding[];
  /** Every file that was linted, in order. */
  files: string[];
  /** The text of each linted file (for snippets), BOM removed. */
  sources: Map<string, string>;
}

/** A file's bytes, or the finding saying why it could not be read. */
function readBytes(file: string, root: string): Uint8Array | Finding {
  try {
    // Synchronous reads: promise reads cost more per file, and files are linted one at a time anyway.
    return readFileSync(resolve(root, file));
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
    if (code !== "ENOENT" && code !== "EACCES" && code !== "EISDIR" && code !== "EPERM") throw error;
    const reason = code === "ENOENT" ? "it does not exist" : code === "EISDIR" ? "it is a folder" : "permission denied";
    return {
      file,
      line: 1,
      column: 1,
      rule: "syntax",
      severity: "error",
      message: `file could not be read: ${reason}`,
    };
  }
}

export interface ValidateFilesHooks {
  /** Runs after every file is read and before any is linted (e.g. to fetch remote action metadata). */
  beforeLint?(sources: ReadonlyMap<string, string>): Promise<void>;
}

/** Reads and lints each file once (paths relative to the root, used as given in findings). */
export async function validateFiles(
  paths: readonly string[],
  options: ValidateOptions | PreparedOptions = {},
  hooks: ValidateFilesHooks = {},
): Promise<ValidateFilesResult> {
  const prepared = prepareOptions(options);
  const all: Finding[] = [];
  const files: string[] = [];
  const sources = new Map<string, string>();
  for (const file of paths) {
    if (ignoredRulesFor(file, prepared.ignores) === "all") continue;
    files.push(file);
    const bytes = readBytes(file, prepared.root);
    if (!(bytes instanceof Uint8Array)) {
      all.push(bytes);
      continue;
    }
    const decoded = decodeFile(file, bytes);
    if ("finding" in decoded) {
      all.push(decoded.finding);
      continue;
    }
    sources.set(file, decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text);
  }
  await hooks.beforeLint?.(sources);
  const phase = new RunPhase();
  const sinks: [string, Finding[]][] = [];
  let walked = 0;
  for (const [file, text] of sources) {
    const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    sinks.push([source, lintInto(file, source, prepared, phase)]);
    if (++walked % FILES_PER_TURN === 0 && phase.busy) await nextTurn();
  }
  await phase.settle();
  for (const [source, sink] of sinks) all.push(...finishFindings(sink, source));
  return { findings: sortFindings(all), files, sources };
}

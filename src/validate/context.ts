/** The RuleContext handed to rules: file facts plus a `report` that records tagged findings. */
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import type { Finding, Position } from "./finding.js";
import type { DocumentKind, Lookups, ReportOptions, Rule, RuleContext, ValidateSettings } from "./rule.js";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/index";

export const DEFAULT_SETTINGS: ValidateSettings = {
  selfHostedLabels: [],
  knownVariables: [],
  shellcheck: "shellcheck",
  disabledRules: [],
};

/** Where a token or position points, clamped to 1-based values. */
export function positionOf(at: TemplateToken | Position | undefined): Position {
  if (at && "range" in at && at.range) return { line: at.range.start.line, column: at.range.start.column };
  if (at && "line" in at && typeof at.line === "number" && "column" in at && typeof at.column === "number") {
    return { line: Math.max(1, at.line), column: Math.max(1, at.column) };
  }
  return { line: 1, column: 1 };
}

/**
 * Work rules hand to the engine during a multi-file run, finished after every file was walked, so
 * slow external tools (shellcheck) run batched and beside the walk instead of once per file.
 */
export interface AsyncPhase {
  /** Called once after the last file was walked, to start work still held back for a fuller batch. */
  onFlush(flush: () => void): void;
  /** The engine waits for this before any file's findings are final; it must not reject. */
  track(work: Promise<void>): void;
}

/** The engine's context: one class (report on the prototype) instead of a closure per rule and file. */
class EngineRuleContext implements RuleContext {
  readonly file: string;
  readonly kind: DocumentKind;
  readonly source: string;
  readonly settings: ValidateSettings;
  readonly lookups: Lookups;
  readonly root: MappingToken;
  readonly asyncPhase: AsyncPhase | undefined;

  constructor(
    facts: DocumentFacts,
    private readonly rule: Rule,
    private readonly sink: Finding[],
  ) {
    this.file = facts.file;
    this.kind = facts.kind;
    this.source = facts.source;
    this.settings = facts.settings;
    this.lookups = facts.lookups;
    this.root = facts.root;
    this.asyncPhase = facts.asyncPhase;
  }

  report(at: TemplateToken | Position, message: string, options?: ReportOptions): void {
    const { line, column } = positionOf(at);
    const finding: Finding = {
      file: this.file,
      line,
      column,
      rule: this.rule.id,
      severity: options?.severity ?? this.rule.severity,
      message,
    };
    if (options?.hint) finding.hint = options.hint;
    this.sink.push(finding);
  }
}

/** The run's async phase; undefined when a file is linted alone (rules then do their work inline). */
export function asyncPhaseOf(ctx: RuleContext): AsyncPhase | undefined {
  return ctx instanceof EngineRuleContext ? ctx.asyncPhase : undefined;
}

export interface DocumentFacts {
  file: string;
  kind: DocumentKind;
  source: string;
  settings: ValidateSettings;
  lookups: Lookups;
  root: MappingToken;
  asyncPhase?: AsyncPhase;
}

/** A context whose `report` tags findings with `rule` and appends them to `sink`. */
export function createRuleContext(facts: DocumentFacts, rule: Rule, sink: Finding[]): RuleContext {
  return new EngineRuleContext(facts, rule, sink);
}

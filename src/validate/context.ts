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

export interface DocumentFacts {
  file: string;
  kind: DocumentKind;
  source: string;
  settings: ValidateSettings;
  lookups: Lookups;
  root: MappingToken;
}

/** A context whose `report` tags findings with `rule` and appends them to `sink`. */
export function createRuleContext(facts: DocumentFacts, rule: Rule, sink: Finding[]): RuleContext {
  return {
    file: facts.file,
    kind: facts.kind,
    source: facts.source,
    settings: facts.settings,
    lookups: facts.lookups,
    root: facts.root,
    report(at: TemplateToken | Position, message: string, options?: ReportOptions): void {
      const { line, column } = positionOf(at);
      const finding: Finding = {
        file: facts.file,
        line,
        column,
        rule: rule.id,
        severity: options?.severity ?? rule.severity,
        message,
      };
      if (options?.hint) finding.hint = options.hint;
      sink.push(finding);
    },
  };
}

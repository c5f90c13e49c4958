/**
 * Rules that report what the parser found (YAML syntax, GitHub's schema) rather than walking tokens.
 * The engine calls `parsed` once per file, before the walk, even when the file has no usable root.
 */
import type { Position } from "./finding.js";
import type { ParsedDocument } from "./parse.js";
import type { DocumentKind, ReportOptions, Rule } from "./rule.js";

export interface ParseRuleContext {
  readonly file: string;
  readonly kind: DocumentKind;
  readonly source: string;
  report(at: Position, message: string, options?: ReportOptions): void;
}

export interface ParseRule extends Rule {
  parsed(ctx: ParseRuleContext, doc: ParsedDocument): void;
}

export function isParseRule(rule: Rule): rule is ParseRule {
  return typeof (rule as Partial<ParseRule>).parsed === "function";
}

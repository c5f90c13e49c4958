// Runs one rule (or a few) through the real engine and prints findings the golden way.
import { validateSource } from "../../../src/validate/engine.js";
import type { Finding } from "../../../src/validate/finding.js";
import type { Lookups, Rule, ValidateSettings } from "../../../src/validate/rule.js";

export interface HarnessOptions {
  file?: string;
  lookups?: Partial<Lookups>;
  settings?: Partial<ValidateSettings>;
}

export function formatFinding(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message} [${f.rule}]`;
}

export function lint(rules: Rule | Rule[], source: string, options: HarnessOptions = {}): Finding[] {
  const lookups: Lookups = {
    actionMetadata: () => undefined,
    reusableWorkflow: () => undefined,
    ...options.lookups,
  };
  return validateSource(options.file ?? "test.yml", source, {
    rules: Array.isArray(rules) ? rules : [rules],
    lookups,
    ...(options.settings ? { settings: options.settings } : {}),
  });
}

/** `line:col: message [rule]` lines, without the file name. */
export function lintLines(rules: Rule | Rule[], source: string, options: HarnessOptions = {}): string[] {
  return lint(rules, source, options).map(
    (f) => `${f.line}:${f.column}: ${f.message} [${f.rule}]${f.severity === "warning" ? " (warning)" : ""}`,
  );
}

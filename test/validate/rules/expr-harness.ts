/** Runs chosen rules on an inline workflow through the engine and prints `line:col: message [rule]`. */
import { validateSource } from "../../../src/validate/engine.js";
import type { Rule, ValidateSettings } from "../../../src/validate/rule.js";

export function lint(
  text: string,
  rules: readonly Rule[],
  options: { file?: string; settings?: Partial<ValidateSettings> } = {},
): string[] {
  const findings = validateSource(options.file ?? "w.yml", text, {
    rules,
    settings: { shellcheck: false, ...options.settings },
  });
  return findings.map((f) => `${f.line}:${f.column}: ${f.message} [${f.rule}]`);
}

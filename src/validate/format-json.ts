/**
 * JSON output: an array of findings, each {file, line, column, rule, severity, message, hint?}, one
 * finding to a line (readable, greppable and diffable, and a third the size of indented JSON).
 */
import type { Finding } from "./finding.js";

export function formatJson(findings: readonly Finding[]): string {
  const plain = findings.map((f) => {
    const out: Finding = {
      file: f.file,
      line: f.line,
      column: f.column,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
    };
    if (f.hint) out.hint = f.hint;
    return out;
  });
  if (plain.length === 0) return "[]\n";
  return `[\n${plain.map((f) => JSON.stringify(f)).join(",\n")}\n]\n`;
}

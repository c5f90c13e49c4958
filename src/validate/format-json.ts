/** JSON output: an array of findings, each {file, line, column, rule, severity, message, hint?}. */
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
  return `${JSON.stringify(plain, null, 2)}\n`;
}

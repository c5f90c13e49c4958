/**
 * JSON output: an array of findings, each {file, line, column, rule, severity, message, hint?}, one
 * finding to a line (readable, greppable and diffable).
 */
import type { Finding } from "./finding.js";

/** The documented fields, in order; JSON.stringify leaves out any other, and a hint that is absent. */
const FIELDS: (keyof Finding)[] = ["file", "line", "column", "rule", "severity", "message", "hint"];

export function formatJson(findings: readonly Finding[]): string {
  if (findings.length === 0) return "[]\n";
  let out = "[\n";
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    // An empty hint is left out, as an absent one.
    out += `${JSON.stringify(f.hint ? f : { ...f, hint: undefined }, FIELDS)}${i + 1 < findings.length ? ",\n" : "\n"}`;
  }
  return `${out}]\n`;
}

/** GitHub workflow-command annotations: `::error file=F,line=L,col=C,title=[rule]::message`. */
import type { Finding } from "./finding.js";

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function annotationLine(f: Finding): string {
  const command = f.severity === "error" ? "error" : "warning";
  const props = `file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=${escapeProperty(`[${f.rule}]`)}`;
  const message = f.hint ? `${f.message}\n${f.hint}` : f.message;
  return `::${command} ${props}::${escapeData(message)}`;
}

export function formatGithub(findings: readonly Finding[]): string {
  return findings.map((f) => `${annotationLine(f)}\n`).join("");
}

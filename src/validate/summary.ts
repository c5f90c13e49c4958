/** The job-summary markdown of a validate run: counts, then one table row per finding. */
import { tableMarkdown } from "../common/report.js";
import type { Finding } from "./finding.js";
import { summaryLine } from "./format-text.js";

/** Rows beyond this are left out of the summary (the annotations and the log keep them all). */
export const MAX_SUMMARY_ROWS = 500;

export function validateSummaryMarkdown(findings: readonly Finding[], fileCount: number): string {
  const parts = ["## redundancy validate", "", summaryLine(findings, fileCount), ""];
  if (findings.length > 0) {
    const rows = findings
      .slice(0, MAX_SUMMARY_ROWS)
      .map((f) => [f.file, String(f.line), f.rule, f.severity, f.hint ? `${f.message} (${f.hint})` : f.message]);
    parts.push(tableMarkdown(["File", "Line", "Rule", "Severity", "Message"], rows));
    if (findings.length > MAX_SUMMARY_ROWS) {
      parts.push(`${findings.length - MAX_SUMMARY_ROWS} more findings are in the log and the annotations.`, "");
    }
  }
  return parts.join("\n");
}

/** Validate findings as the sync-health cycle's CheckResults: one per file. */
import type { CheckResult } from "../common/result.js";
import type { Finding } from "./finding.js";
import { findingLine } from "./format-text.js";

export function findingsToCheckResults(files: readonly string[], findings: readonly Finding[]): CheckResult[] {
  const byFile = new Map<string, Finding[]>();
  for (const file of files) byFile.set(file, []);
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  return [...byFile.entries()].map(([file, list]) => {
    const errors = list.filter((f) => f.severity === "error").length;
    const warnings = list.length - errors;
    const status = errors > 0 ? "fail" : warnings > 0 ? "warn" : "ok";
    const summary =
      list.length === 0
        ? `${file}: no problems`
        : `${file}: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
    return {
      id: `validate/${file}`,
      kind: "validate",
      status,
      summary,
      details: list.map(findingLine),
      metrics: { errors, warnings },
    };
  });
}

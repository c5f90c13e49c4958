export type Severity = "error" | "warning";

/** One problem in one file. Lines and columns are 1-based. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: Severity;
  message: string;
  /** One line telling how to fix it, where that helps. */
  hint?: string;
}

export interface Position {
  line: number;
  column: number;
}

/** Orders findings by file, line, column, rule, message and drops exact duplicates. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
  const out: Finding[] = [];
  for (const f of sorted) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.file === f.file &&
      prev.line === f.line &&
      prev.column === f.column &&
      prev.rule === f.rule &&
      prev.message === f.message
    )
      continue;
    out.push(f);
  }
  return out;
}

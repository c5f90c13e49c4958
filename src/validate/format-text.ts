/** Plain-text output: `file:line:col: message [rule]`, then the source line with a caret, then the hint. */
import type { Finding } from "./finding.js";

export interface TextFormatOptions {
  /** File texts, to print the offending line under each finding. */
  sources?: ReadonlyMap<string, string>;
  /** Print the source snippet and hint lines (default true). */
  snippet?: boolean;
  color?: boolean;
}

const BOLD = "\u001b[1m";
const RED = "\u001b[31m";
const YELLOW = "\u001b[33m";
const GRAY = "\u001b[90m";
const GREEN = "\u001b[32m";
const RESET = "\u001b[0m";

/** The header line of one finding, the shape the problem matcher reads. */
export function findingLine(f: Finding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message} [${f.rule}]`;
}

function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf("\n", start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end === -1 ? undefined : end).replace(/\r$/, "");
}

export function formatText(findings: readonly Finding[], options: TextFormatOptions = {}): string {
  const snippet = options.snippet ?? true;
  const paint = (code: string, s: string) => (options.color ? `${code}${s}${RESET}` : s);
  let out = "";
  for (const f of findings) {
    if (options.color) {
      const sev = f.severity === "error" ? RED : YELLOW;
      out += `${paint(BOLD, `${f.file}:${f.line}:${f.column}:`)} ${paint(sev, f.message)} ${paint(GRAY, `[${f.rule}]`)}\n`;
    } else {
      out += `${findingLine(f)}\n`;
    }
    if (!snippet) continue;
    const text = options.sources?.get(f.file);
    const source = text === undefined ? undefined : lineOf(text, f.line);
    if (source !== undefined) {
      const gutter = String(f.line);
      const pad = " ".repeat(gutter.length);
      // Tabs keep their width so the caret lands under the right character.
      const lead = source.slice(0, f.column - 1).replace(/[^\t]/g, " ");
      out += `${paint(GRAY, `${pad} |`)}\n${paint(GRAY, `${gutter} |`)} ${source}\n${paint(GRAY, `${pad} |`)} ${lead}${paint(GREEN, "^")}\n`;
    }
    if (f.hint) out += `  ${paint(GRAY, "hint:")} ${f.hint}\n`;
  }
  return out;
}

/** One-line summary such as "3 errors, 1 warning in 12 files". */
export function summaryLine(findings: readonly Finding[], fileCount: number): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(fileCount, "file")}`;
}

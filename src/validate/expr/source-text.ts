/**
 * Maps between offsets in a file's text and 1-based line/column positions, and finds the raw
 * text of a YAML scalar token (the parser's own sub-ranges are wrong for multi-line plain scalars).
 */
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import type { Position } from "../finding.js";

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of a 1-based line/column, clamped to the text. */
  offsetOf(pos: Position): number {
    const line = Math.min(Math.max(pos.line, 1), this.starts.length);
    const start = this.starts[line - 1] ?? 0;
    return Math.min(start + Math.max(pos.column, 1) - 1, this.text.length);
  }

  /** The line (0-based) of the last position asked for: readers ask in file order, mostly. */
  private cursor = 0;

  positionOf(offset: number): Position {
    const starts = this.starts;
    let line = this.cursor;
    // Forward from the last answer while the offset is on a later line nearby; else a binary search.
    if ((starts[line] ?? 0) <= offset) {
      for (let step = 0; step < 8 && line + 1 < starts.length && (starts[line + 1] ?? 0) <= offset; step++) line++;
      if (line + 1 >= starts.length || (starts[line + 1] ?? 0) > offset) {
        this.cursor = line;
        return { line: line + 1, column: offset - (starts[line] ?? 0) + 1 };
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.cursor = lo;
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }

  /** The length of a 1-based line without its line break (a CR before the LF excluded); 0 past the end. */
  lineLength(line: number): number {
    const start = this.starts[line - 1];
    if (start === undefined) return 0;
    const next = this.starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end - start;
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    return start === undefined ? "" : this.text.slice(start, start + this.lineLength(line));
  }
}

let cached: LineIndex | undefined;

/** One index per file text; rules of the same file share it. */
export function lineIndexFor(source: string): LineIndex {
  if (cached?.text !== source) cached = new LineIndex(source);
  return cached;
}

export interface RawScalar {
  /** Offset of the token's first character (a quote, a block header, or the value). */
  start: number;
  /** The token's source text as written in the file. */
  raw: string;
}

/** The raw text of a scalar token as it stands in the file, or undefined without a range. */
export function rawScalar(index: LineIndex, token: TemplateToken): RawScalar | undefined {
  const range = token.range;
  if (!range) return undefined;
  const start = index.offsetOf(range.start);
  const end = index.offsetOf(range.end);
  if (end < start) return undefined;
  return { start, raw: index.text.slice(start, end) };
}

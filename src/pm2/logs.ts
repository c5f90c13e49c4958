/** Summarising the tail of a PM2 error log: pattern counts and the most frequent distinct lines, redacted. */
import { ConfigurationError } from "../common/errors.js";
import type { Redactor } from "../common/redact.js";

export const DEFAULT_LOG_PATTERNS: readonly RegExp[] = [
  /\b[A-Za-z]*Error\b/,
  /ECONNREFUSED/,
  /ECONNRESET/,
  /EADDRINUSE/,
  /ETIMEDOUT/,
  /ENOTFOUND/,
  /EACCES|EPERM/,
  /out of memory|heap limit|JavaScript heap|ENOMEM/i,
  /unhandled ?(?:promise )?rejection/i,
  /uncaught ?exception/i,
  /segmentation fault|segfault|SIGSEGV/i,
  /\bFATAL\b/i,
];

export interface LogAnalysis {
  /** Lines matching each pattern, keyed by the pattern's source. */
  counts: Record<string, number>;
  /** The most frequent distinct matching lines, normalised, redacted and at most 500 characters. */
  top: string[];
  /** The same lines with how many log lines each stands for. */
  topEntries: { line: string; count: number }[];
}

export const MAX_TOP_LINE = 500;
const ELLIPSIS = "…";
/** Only this much of one log line is read: a megabyte line is noise past its start. */
const SCAN_WINDOW = 64 * 1024;
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;

/**
 * Counts lines matching each pattern and ranks the distinct matching lines. A string pattern is a
 * case-insensitive regular expression (as users write them in config); an invalid one is a
 * ConfigurationError naming it. With no patterns, every non-blank line ranks.
 */
export function analyzeLog(
  lines: string[],
  patterns: (RegExp | string)[],
  redactor: Redactor,
  top: number = 10,
): LogAnalysis {
  const compiled = patterns.map(compilePattern);
  const counts: Record<string, number> = {};
  for (const p of compiled) counts[p.key] = 0;
  const groups = new Map<string, number>();

  for (const raw of lines) {
    const line = scanWindow(raw);
    let matched = compiled.length === 0 && line.trim() !== "";
    for (const p of compiled) {
      if (p.re.test(line)) {
        counts[p.key] += 1;
        matched = true;
      }
    }
    if (!matched) continue;
    // Redact before normalising and cutting, so neither can break a secret into an unrecognisable piece.
    const key = truncate(normaliseLogLine(redactor.redact(line.replace(ANSI, ""))), MAX_TOP_LINE);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }

  // Map iteration follows first appearance, and sort is stable, so ties keep log order.
  const ranked = [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Math.max(0, top))
    .map(([line, count]) => ({ line, count }));
  return { counts, top: ranked.map((e) => e.line), topEntries: ranked };
}

/**
 * A log line reduced to what repeats: no PM2 `0|api  | ` prefix, no leading timestamp, and
 * numbers, hex and UUIDs collapsed so the same error at different times counts once.
 */
export function normaliseLogLine(line: string): string {
  let s = line.replace(/^\s*\d+\|[^|]*\|\s?/, "");
  s = s.replace(
    /^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?(?:Z|[+-]\d{2}:?\d{2}))?\]?:?\s*/,
    "",
  );
  s = s.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>");
  s = s.replace(/\b0x[0-9a-f]+\b/gi, "<hex>");
  s = s.replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, "<hex>");
  s = s.replace(/\d+/g, "N");
  return s.trim();
}

/**
 * The last `n` lines of `text` (CRLF or LF, with or without a final newline), found from the end
 * so a huge log costs only its tail. Lines longer than `maxLineLength` are cut with an ellipsis.
 */
export function lastLines(text: string, n: number, maxLineLength: number = Infinity): string[] {
  if (n <= 0 || text === "") return [];
  let end = text.endsWith("\n") ? text.length - 1 : text.length;
  const out: string[] = [];
  while (out.length < n && end >= 0) {
    const nl = end === 0 ? -1 : text.lastIndexOf("\n", end - 1);
    let line = text.slice(nl + 1, end);
    if (line.endsWith("\r")) line = line.slice(0, -1);
    out.push(truncate(line, maxLineLength));
    if (nl < 0) break;
    end = nl;
  }
  return out.reverse();
}

/** The start of a long line, cut at a word boundary when one is near so no secret is split. */
function scanWindow(line: string): string {
  if (line.length <= SCAN_WINDOW) return line;
  const boundary = line.slice(SCAN_WINDOW - 4096, SCAN_WINDOW).search(/[\s,;"'][^\s,;"']*$/);
  return line.slice(0, boundary === -1 ? SCAN_WINDOW : SCAN_WINDOW - 4096 + boundary);
}

function compilePattern(pattern: RegExp | string): { key: string; re: RegExp } {
  if (pattern instanceof RegExp)
    return { key: pattern.source, re: new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")) };
  try {
    return { key: pattern, re: new RegExp(pattern, "i") };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ConfigurationError(`log pattern ${JSON.stringify(pattern)} is not a valid regular expression`, {
      key: "log-patterns",
    });
  }
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - ELLIPSIS.length;
  // Never leave half of a surrogate pair before the marker.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + ELLIPSIS;
}

/**
 * Inline suppressions (`# redundancy-disable-line [ids]`, `# redundancy-disable-next-line [ids]`)
 * and per-path ignores from the config's `validate.ignore`.
 */
import type { Finding } from "./finding.js";
import { globToRegExp } from "./glob.js";

const DIRECTIVE = /#\s*redundancy-disable-(next-line|line)\b([^\n#]*)/g;

/** Line number -> rule ids suppressed there; an empty set means every rule. */
export type Suppressions = Map<number, Set<string> | null>;

/** Reads the directives in a file's text; cheap when there are none. */
export function readSuppressions(source: string): Suppressions {
  const out: Suppressions = new Map();
  if (!source.includes("redundancy-disable-")) return out;
  const lines = source.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (!text.includes("redundancy-disable-")) continue;
    for (const match of text.matchAll(DIRECTIVE)) {
      const target = match[1] === "next-line" ? i + 2 : i + 1;
      const ids = (match[2] ?? "")
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter((s) => s !== "");
      const existing = out.get(target);
      if (ids.length === 0 || existing === null) {
        out.set(target, null);
      } else {
        const set = existing ?? new Set<string>();
        for (const id of ids) set.add(id);
        out.set(target, set);
      }
    }
  }
  return out;
}

/** Drops findings suppressed by a directive on their line. */
export function applySuppressions(findings: Finding[], suppressions: Suppressions): Finding[] {
  if (suppressions.size === 0) return findings;
  return findings.filter((f) => {
    if (!suppressions.has(f.line)) return true;
    const ids = suppressions.get(f.line);
    return ids !== null && ids !== undefined && !ids.has(f.rule);
  });
}

/** One `validate.ignore` entry: a path glob alone (every rule) or with the rules to skip there. */
export type IgnoreEntry = string | { path: string; rules?: string[] | undefined };

export interface PathIgnore {
  pattern: RegExp;
  /** undefined = every rule. */
  rules: Set<string> | undefined;
}

export function compileIgnores(entries: readonly IgnoreEntry[]): PathIgnore[] {
  return entries.map((entry) =>
    typeof entry === "string"
      ? { pattern: globToRegExp(entry), rules: undefined }
      : { pattern: globToRegExp(entry.path), rules: entry.rules ? new Set(entry.rules) : undefined },
  );
}

/** The rules ignored for a file: "all", or the set of ids (empty = none). */
export function ignoredRulesFor(file: string, ignores: readonly PathIgnore[]): "all" | Set<string> {
  const out = new Set<string>();
  const path = file.replace(/\\/g, "/").replace(/^\.\//, "");
  for (const ignore of ignores) {
    if (!ignore.pattern.test(path)) continue;
    if (!ignore.rules) return "all";
    for (const id of ignore.rules) out.add(id);
  }
  return out;
}

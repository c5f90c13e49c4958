import type { StringToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import { isMapping, isSequence, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule, RuleContext } from "../rule.js";

const REF_FILTERS = new Set(["branches", "branches-ignore", "tags", "tags-ignore"]);
const PATH_FILTERS = new Set(["paths", "paths-ignore"]);
const SPECIAL = ["*", "?", "+", "[", "]", "!", "\\"];
const SAME_CLASS = [/^[a-z]$/, /^[A-Z]$/, /^[0-9]$/];

/** Problems of a filter pattern, in GitHub's filter syntax (* ** ? + [] ! and \ escapes). */
export function globProblems(pattern: string, kind: "ref" | "path"): string[] {
  const problems: string[] = [];
  if (pattern === "") return ["an empty pattern matches nothing"];
  const body = pattern.startsWith("!") ? pattern.slice(1) : pattern;
  if (body === "") return [`"!" alone matches nothing`];
  if (body.includes("${{")) return ["expressions are not evaluated in event filters"];
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c === "\\") {
      const next = body[i + 1];
      if (next === undefined) problems.push("a trailing \\ escapes nothing");
      else if (kind === "ref" && !SPECIAL.includes(next)) {
        problems.push(`"\\" only escapes ${SPECIAL.join(" ")} in filters, and a git ref name cannot contain it`);
      }
      i += 2;
      continue;
    }
    if (c === "[") {
      const end = body.indexOf("]", i + 1);
      if (end < 0) {
        problems.push(`"[" at offset ${i} is never closed by "]"`);
        break;
      }
      const cls = body.slice(i + 1, end);
      if (cls === "") problems.push(`"[]" is an empty character class`);
      for (let j = 0; j + 2 < cls.length; j++) {
        if (cls[j + 1] === "-") {
          const from = cls[j] as string;
          const to = cls[j + 2] as string;
          if (from > to) problems.push(`range "${from}-${to}" in "[${cls}]" goes backwards`);
          else if (!SAME_CLASS.some((re) => re.test(from) && re.test(to))) {
            problems.push(`range "${from}-${to}" in "[${cls}]" must stay within a-z, A-Z or 0-9`);
          }
          j += 2;
        }
      }
      i = end + 1;
      continue;
    }
    if (kind === "ref") {
      if (/\s/.test(c)) problems.push("a git ref name cannot contain whitespace");
      else if (c === "~" || c === "^" || c === ":") problems.push(`a git ref name cannot contain "${c}"`);
      else if (c.charCodeAt(0) < 0x20 || c === "\x7f")
        problems.push("a git ref name cannot contain control characters");
    }
    i++;
  }
  if (kind === "ref") {
    if (body.includes("..")) problems.push('a git ref name cannot contain ".."');
    if (body.includes("@{")) problems.push('a git ref name cannot contain "@{"');
    if (body.endsWith(".lock")) problems.push('a git ref name cannot end with ".lock"');
    if (body.endsWith("/") || body.endsWith(".")) problems.push(`a git ref name cannot end with "${body.at(-1)}"`);
    if (body.startsWith("/")) problems.push('a git ref name cannot start with "/"');
    if (/^refs\/(heads|tags)\//.test(body))
      problems.push("filters match short names: drop the refs/heads/ or refs/tags/ prefix");
  } else if (body.startsWith("./")) {
    problems.push('paths are matched without a leading "./", so this never matches');
  }
  return [...new Set(problems)];
}

function checkFilter(ctx: RuleContext, filter: string, value: TemplateToken): void {
  const items: StringToken[] = [];
  if (isString(value)) items.push(value);
  else if (isSequence(value)) for (const item of value) if (isString(item)) items.push(item);
  const kind = PATH_FILTERS.has(filter) ? "path" : "ref";
  const positives = items.filter((item) => !item.value.startsWith("!")).length;
  let seenPositive = false;
  for (const item of items) {
    const problems = globProblems(item.value, kind);
    if (problems.length > 0) {
      ctx.report(item, `invalid pattern "${item.value}" in "${filter}": ${problems.join("; ")}`, {
        hint: "filters use glob syntax (* ** ? + [] !), not regular expressions",
      });
    }
    if (!item.value.startsWith("!")) seenPositive = true;
    else if (!seenPositive && positives > 0) {
      ctx.report(item, `"${item.value}" comes before any pattern it could exclude, so it has no effect`, {
        severity: "warning",
        hint: 'patterns are applied in order: put the "!" pattern after the patterns it should narrow',
      });
    }
  }
  if (positives === 0 && items[0] && !filter.endsWith("-ignore")) {
    ctx.report(items[0], `every pattern in "${filter}" starts with "!", so nothing matches`, {
      hint: `add a positive pattern first (e.g. "**") or use "${filter}-ignore"`,
    });
  }
}

export const globRule: Rule = {
  id: "glob",
  description: "Syntax of branch, tag and path filter patterns.",
  severity: "error",
  workflow(ctx, root) {
    const on = root.find("on");
    if (!on || !isMapping(on)) return;
    for (const event of on) {
      if (!isMapping(event.value)) continue;
      for (const pair of event.value) {
        if (!isString(pair.key)) continue;
        const filter = pair.key.value;
        if (REF_FILTERS.has(filter) || PATH_FILTERS.has(filter)) checkFilter(ctx, filter, pair.value);
      }
    }
  },
};

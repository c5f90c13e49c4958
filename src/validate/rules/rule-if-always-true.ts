/**
 * [if-always-true] An `if:` whose value has text around `${{ }}` (`${{ a }} && ${{ b }}`) is a
 * non-empty string after substitution, so the condition is always true.
 */
import { isBasicExpression } from "@actions/workflow-parser";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { scanExpressions } from "../expr/scan.js";
import { lineIndexFor, rawScalar } from "../expr/source-text.js";
import type { Rule, RuleContext } from "../rule.js";

/** The scalar's text as written, without a block header or surrounding quotes. */
function content(raw: string): string {
  const head = raw[0];
  if (head === "|" || head === ">") {
    const nl = raw.indexOf("\n");
    return nl === -1 ? "" : raw.slice(nl + 1);
  }
  if ((head === '"' || head === "'") && raw.endsWith(head)) return raw.slice(1, -1);
  return raw;
}

function check(ctx: RuleContext, token: TemplateToken | undefined): void {
  // The parser turns text around `${{ }}` into format(...); a lone `${{ }}` stays a plain expression.
  if (!token || !isBasicExpression(token) || !token.originalExpressions) return;
  const index = lineIndexFor(ctx.source);
  const raw = rawScalar(index, token);
  if (!raw) return;
  const text = content(raw.raw);
  const spans = scanExpressions(text);
  let outside = "";
  let last = 0;
  for (const span of spans) {
    outside += text.slice(last, span.start);
    last = span.end;
  }
  outside += text.slice(last);
  // Only whitespace around one `${{ }}` (a folded or indented block) is trimmed away, not text.
  if (outside.trim() === "") return;
  const inner = spans.map((s) => s.inner.trim()).join(" && ");
  ctx.report(token, 'this "if:" is always true: text outside "${{ }}" makes the value a non-empty string', {
    hint: `put the whole condition inside one expression: \${{ ${inner} }}, or drop the braces`,
  });
}

export const ifAlwaysTrueRule: Rule = {
  id: "if-always-true",
  description: "if: conditions that are always true because text surrounds ${{ }}",
  severity: "error",
  job(ctx, job) {
    check(ctx, job.token.find("if"));
  },
  step(ctx, step) {
    check(ctx, step.token.find("if"));
  },
};

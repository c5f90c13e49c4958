/**
 * [injection] Untrusted context values (titles, bodies, branch names...) pasted into a `run:`
 * script or an `actions/github-script` `script:` by `${{ }}`: the text becomes code.
 */
import { isBasicExpression } from "@actions/workflow-parser";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { child, embeddedExpressions, positionIn, stringValue } from "../expr/located.js";
import { accessPaths, parseCached } from "../expr/parse.js";
import { lineIndexFor } from "../expr/source-text.js";
import { pathText, untrustedReach } from "../expr/untrusted.js";
import type { Rule, RuleContext } from "../rule.js";

function check(ctx: RuleContext, token: TemplateToken | undefined, where: "run" | "script"): void {
  if (!token || !isBasicExpression(token)) return;
  const index = lineIndexFor(ctx.source);
  for (const located of embeddedExpressions(index, token)) {
    if (!located.closed) continue;
    const outcome = parseCached(located.text);
    if (!outcome.ok) continue;
    for (const path of accessPaths(outcome.expr)) {
      const reach = untrustedReach(path);
      if (reach.paths.length === 0) continue;
      const written = pathText(path);
      const shown = reach.paths.slice(0, 3).map((r) => `"${r}"`);
      if (reach.paths.length > 3) shown.push(`and ${reach.paths.length - 3} more`);
      const what = reach.whole
        ? `"${written}" is potentially untrusted`
        : `"${written}" includes potentially untrusted ${shown.join(", ")}`;
      const last = path.segments.at(-1);
      const envName = (last?.kind === "name" ? last.name : "VALUE").toUpperCase().replace(/[^A-Z0-9_]/g, "_");
      ctx.report(
        positionIn(index, located, path.pos),
        `${what}; using it in ${where === "run" ? '"run:"' : 'github-script "script:"'} allows script injection`,
        {
          hint:
            where === "run"
              ? `pass it through env: (${envName}: \${{ ${written} }}) and use "$${envName}" in the script`
              : `pass it through env: (${envName}: \${{ ${written} }}) and read process.env.${envName} in the script`,
        },
      );
    }
  }
}

export const injectionRule: Rule = {
  id: "injection",
  description: "Untrusted context values expanded into run: scripts or github-script code",
  severity: "error",
  step(ctx, step) {
    check(ctx, step.token.find("run"), "run");
    const uses = stringValue(step.token.find("uses"));
    if (uses !== undefined && /^actions\/github-script@/i.test(uses)) {
      check(ctx, child(step.token.find("with"), "script"), "script");
    }
  },
};

/**
 * [deprecated-commands] `::set-output`, `::save-state`, `::set-env` and `::add-path` workflow
 * commands in `run:` scripts: GitHub disabled them; files under $GITHUB_* replace them.
 */
import { isString } from "@actions/workflow-parser";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { mayHoldExpressions } from "../expr/located.js";
import { lineIndexFor, rawScalar } from "../expr/source-text.js";
import type { Rule, RuleContext } from "../rule.js";

const COMMAND = /::(set-output|save-state|set-env|add-path)(?=[\s:])/g;

const REPLACEMENT: Record<string, string> = {
  "set-output": 'echo "name=value" >> "$GITHUB_OUTPUT"',
  "save-state": 'echo "name=value" >> "$GITHUB_STATE"',
  "set-env": 'echo "NAME=value" >> "$GITHUB_ENV"',
  "add-path": 'echo "/some/dir" >> "$GITHUB_PATH"',
};

function check(ctx: RuleContext, token: TemplateToken | undefined): void {
  if (!token || !(isString(token) || mayHoldExpressions(token))) return;
  if (isString(token) && !token.value.includes("::")) return;
  const index = lineIndexFor(ctx.source);
  const raw = rawScalar(index, token);
  if (!raw) return;
  for (const match of raw.raw.matchAll(COMMAND)) {
    const name = match[1] ?? "";
    ctx.report(
      index.positionOf(raw.start + (match.index ?? 0)),
      `workflow command "::${name}" is deprecated and disabled`,
      {
        hint: `use ${REPLACEMENT[name] ?? "the $GITHUB_* files"} instead`,
      },
    );
  }
}

export const deprecatedCommandsRule: Rule = {
  id: "deprecated-commands",
  description: "Deprecated ::set-output/::save-state/::set-env/::add-path workflow commands in run:",
  severity: "error",
  step(ctx, step) {
    check(ctx, step.token.find("run"));
  },
};

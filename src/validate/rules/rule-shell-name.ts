/**
 * [shell-name] `shell:` of steps and `defaults.run.shell`: a built-in shell name or a custom
 * command template containing `{0}` (where GitHub puts the script path).
 */
import { isString } from "@actions/workflow-parser";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { suggestion } from "../expr/contexts.js";
import { child } from "../expr/located.js";
import type { Rule, RuleContext } from "../rule.js";

export const BUILTIN_SHELLS = ["bash", "pwsh", "python", "sh", "cmd", "powershell"];

function check(ctx: RuleContext, token: TemplateToken | undefined): void {
  if (!token || !isString(token)) return;
  const value = token.value.trim();
  // Expressions are the parser's to judge ([schema] reports contexts not allowed here).
  if (value === "" || BUILTIN_SHELLS.includes(value) || value.includes("{0}") || value.includes("${{")) return;
  const close = suggestion(value, BUILTIN_SHELLS);
  const word = value.split(/\s+/)[0] ?? value;
  const custom = BUILTIN_SHELLS.includes(word) || value.includes(" ");
  ctx.report(token, `unknown shell "${value}"`, {
    hint: custom
      ? `a custom shell must contain {0} for the script path, e.g. "${word} {0}"`
      : `use one of ${BUILTIN_SHELLS.join(", ")} or a command with {0}${close?.startsWith("did") ? `; ${close}` : ""}`,
  });
}

export const shellNameRule: Rule = {
  id: "shell-name",
  description: "shell: names at steps and defaults.run",
  severity: "error",
  workflow(ctx, root) {
    check(ctx, child(child(root.find("defaults"), "run"), "shell"));
  },
  job(ctx, job) {
    check(ctx, child(child(job.token.find("defaults"), "run"), "shell"));
  },
  step(ctx, step) {
    check(ctx, step.token.find("shell"));
  },
};

/**
 * [action-runtime] Steps that use an action whose `runs.using` is a Node.js runtime GitHub-hosted
 * runners no longer provide (node12, node16: error) or have deprecated (node20: warning). Remote
 * actions are looked up per major in the bundled data set (or the API cache), local ones on disk.
 */
import { isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { StringToken } from "@actions/workflow-parser/templates/tokens/index";
import { majorOf, parseRemoteUses } from "../metadata/popular.js";
import { CURRENT_NODE_RUNTIME, outdatedRuntime, remoteRuntime } from "../metadata/runtimes.js";
import type { Rule, RuleContext } from "../rule.js";

function runtimeOf(ctx: RuleContext, uses: string): string | undefined {
  return ctx.lookups.actionMetadata(uses)?.runs ?? remoteRuntime(uses)?.using;
}

function check(ctx: RuleContext, token: StringToken): void {
  const uses = token.value.trim();
  if (uses.includes("${{") || uses.startsWith("docker://")) return;
  const using = runtimeOf(ctx, uses);
  const verdict = using === undefined ? undefined : outdatedRuntime(using);
  if (!using || !verdict) return;
  if (uses.startsWith("./")) {
    ctx.report(token, `local action "${uses}" runs on ${using}: ${verdict.reason}`, {
      severity: verdict.severity,
      hint: `set "using: ${CURRENT_NODE_RUNTIME}" under "runs:" in its action.yml`,
    });
    return;
  }
  const parsed = parseRemoteUses(uses);
  if (!parsed) return;
  const next = majorOf(parsed.ref) ? remoteRuntime(uses)?.firstCurrentMajor : undefined;
  const upgrade = next
    ? `${parsed.action}@${next} is the first major on a current runtime`
    : `no major of ${parsed.action} known to run on ${CURRENT_NODE_RUNTIME}`;
  ctx.report(token, `"${uses}" runs on ${using}: ${verdict.reason}; ${upgrade}`, {
    severity: verdict.severity,
    hint: next
      ? `use ${parsed.action}@${next} (or later; check its release notes for breaking changes)`
      : `look for a maintained version or replacement that runs on ${CURRENT_NODE_RUNTIME}`,
  });
}

export const actionRuntimeRule: Rule = {
  id: "action-runtime",
  description: "Actions whose Node.js runtime GitHub-hosted runners no longer provide or have deprecated.",
  severity: "error",
  step(ctx, step) {
    const uses = step.token.find("uses");
    if (uses && isString(uses)) check(ctx, uses);
  },
};

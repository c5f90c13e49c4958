import { isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { StringToken } from "@actions/workflow-parser/templates/tokens/index";
import type { Rule, RuleContext } from "../rule.js";
import { stepUsesProblems, workflowUsesProblems } from "./rule-uses.js";

/** Owners whose actions GitHub itself publishes; like zizmor's default policy, a tag is accepted for them. */
const TRUSTED_OWNERS = new Set(["actions", "github"]);
const FULL_SHA = /^[0-9a-f]{40}$/;

function check(ctx: RuleContext, uses: StringToken, level: "step" | "job"): void {
  const value = uses.value;
  if (value.startsWith("./") || value.includes("${{")) return;
  // Malformed references are the [uses] rule's to report.
  if ((level === "step" ? stepUsesProblems(value) : workflowUsesProblems(value)).length > 0) return;
  if (value.startsWith("docker://")) {
    if (!/@sha256:[0-9a-f]{64}$/.test(value)) {
      ctx.report(uses, `Docker image "${value.slice(9)}" is not pinned to a digest`, {
        hint: "pin it: docker://image@sha256:<digest> (tags can be moved to other images)",
      });
    }
    return;
  }
  const at = value.lastIndexOf("@");
  const owner = value.slice(0, value.indexOf("/")).toLowerCase();
  const ref = value.slice(at + 1);
  if (TRUSTED_OWNERS.has(owner) || FULL_SHA.test(ref)) return;
  ctx.report(uses, `"${value}" is not pinned to a full commit SHA`, {
    hint: `a tag or branch can be moved to other code; pin it: ${value.slice(0, at)}@<40-char SHA> # ${ref || "vX"}`,
  });
}

export const unpinnedActionRule: Rule = {
  id: "unpinned-action",
  description: "Third-party actions and reusable workflows not pinned to a commit SHA.",
  severity: "warning",
  step(ctx, step) {
    const uses = step.token.find("uses");
    if (uses && isString(uses)) check(ctx, uses, "step");
  },
  job(ctx, job) {
    const uses = job.token.find("uses");
    if (uses && isString(uses)) check(ctx, uses, "job");
  },
};

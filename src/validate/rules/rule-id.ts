import type { StringToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import { isMapping, isSequence, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule, RuleContext } from "../rule.js";

const ID_FORMAT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const FORMAT_HINT = "start with a letter or _, then use only letters, digits, _ and -";

function checkStepIds(ctx: RuleContext, steps: TemplateToken | undefined, where: string): void {
  if (!steps || !isSequence(steps)) return;
  const seen = new Map<string, StringToken>();
  for (const step of steps) {
    if (!isMapping(step)) continue;
    const id = step.find("id");
    if (!id || !isString(id) || id.value.includes("${{")) continue;
    if (!ID_FORMAT.test(id.value)) {
      ctx.report(id, `step id "${id.value}" is invalid`, { hint: FORMAT_HINT });
      continue;
    }
    const first = seen.get(id.value.toLowerCase());
    if (!first) {
      seen.set(id.value.toLowerCase(), id);
      continue;
    }
    const variant = first.value === id.value ? "" : ` as "${first.value}" (step ids are case-insensitive)`;
    ctx.report(id, `step id "${id.value}" is already used${where} at line ${first.range?.start.line ?? "?"}${variant}`);
  }
}

export const idRule: Rule = {
  id: "id",
  description: "Format of job and step ids, and step ids repeated within a job.",
  severity: "error",
  job(ctx, job) {
    if (!ID_FORMAT.test(job.id)) ctx.report(job.key, `job id "${job.id}" is invalid`, { hint: FORMAT_HINT });
    checkStepIds(ctx, job.token.find("steps"), ` in job "${job.id}"`);
  },
  action(ctx, root) {
    const runs = root.find("runs");
    if (runs && isMapping(runs)) checkStepIds(ctx, runs.find("steps"), "");
  },
};

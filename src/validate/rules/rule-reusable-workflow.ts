import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import { isBoolean, isMapping, isNumber, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule, RuleContext } from "../rule.js";

/** A literal that cannot be passed to an input of `type`; expressions are left to the runtime. */
function typeMismatch(value: TemplateToken, type: string | undefined): string | undefined {
  if (!type || type === "string") return undefined;
  if (isString(value) && value.value.includes("${{")) return undefined;
  if (type === "boolean" && !isBoolean(value)) {
    if (isString(value) || isNumber(value)) return `a boolean (true or false)`;
  }
  if (type === "number" && !isNumber(value)) {
    if (isBoolean(value) || (isString(value) && !/^\s*-?\d+(\.\d+)?\s*$/.test(value.value))) return "a number";
  }
  return undefined;
}

function lower<T>(record: Record<string, T>): Map<string, { name: string } & T> {
  return new Map(Object.entries(record).map(([name, value]) => [name.toLowerCase(), { name, ...value }]));
}

function checkSection(
  ctx: RuleContext,
  uses: string,
  section: "inputs" | "secrets",
  token: TemplateToken | undefined,
  declared: Map<string, { name: string; required: boolean; type?: string }>,
  anchor: TemplateToken,
): void {
  const given = new Set<string>();
  const singular = section === "inputs" ? "input" : "secret";
  if (token && isMapping(token)) {
    for (const pair of token) {
      if (!isString(pair.key)) continue;
      const key = pair.key.value.toLowerCase();
      given.add(key);
      const definition = declared.get(key);
      if (!definition) {
        const names = [...declared.values()].map((d) => d.name);
        ctx.report(pair.key, `reusable workflow "${uses}" has no ${singular} "${pair.key.value}"`, {
          hint: names.length > 0 ? `its ${section}: ${names.join(", ")}` : `it declares no ${section}`,
        });
        continue;
      }
      const expected = typeMismatch(pair.value, definition.type);
      if (expected) ctx.report(pair.value, `${singular} "${definition.name}" of "${uses}" expects ${expected}`);
    }
  }
  const missing = [...declared.values()].filter((d) => d.required && !given.has(d.name.toLowerCase()));
  if (missing.length > 0) {
    const names = missing.map((d) => `"${d.name}"`).join(", ");
    ctx.report(
      anchor,
      `reusable workflow "${uses}" needs required ${singular}${missing.length > 1 ? "s" : ""} ${names}`,
    );
  }
}

export const reusableWorkflowRule: Rule = {
  id: "reusable-workflow",
  description: "Inputs and secrets passed to local reusable workflows against their workflow_call definitions.",
  severity: "error",
  job(ctx, job) {
    const uses = job.token.find("uses");
    if (!uses || !isString(uses) || !uses.value.startsWith("./")) return;
    const callee = ctx.lookups.reusableWorkflow(uses.value);
    if (!callee) return;
    const withToken = job.token.find("with");
    if (!withToken || isMapping(withToken)) {
      checkSection(ctx, uses.value, "inputs", withToken, lower(callee.inputs), uses);
    }
    const secrets = job.token.find("secrets");
    if (secrets && isString(secrets) && secrets.value === "inherit") return;
    if (!secrets || isMapping(secrets)) checkSection(ctx, uses.value, "secrets", secrets, lower(callee.secrets), uses);
  },
};

import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import { isBasicExpression, isMapping, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule, RuleContext } from "../rule.js";

function checkContainer(ctx: RuleContext, container: TemplateToken | undefined, where: string): void {
  if (!container || !isMapping(container)) return;
  const credentials = container.find("credentials");
  if (!credentials || !isMapping(credentials)) return;
  const password = credentials.find("password");
  if (!password || isBasicExpression(password)) return;
  if (isString(password) && (password.value.includes("${{") || password.value === "")) return;
  ctx.report(password, `the password of ${where} is written in the workflow`, {
    hint: "store it as a secret and use password: ${{ secrets.NAME }}",
  });
}

export const credentialsRule: Rule = {
  id: "credentials",
  description: "Hard-coded registry passwords in container and services credentials.",
  severity: "error",
  job(ctx, job) {
    checkContainer(ctx, job.token.find("container"), `the container of job "${job.id}"`);
    const services = job.token.find("services");
    if (!services || !isMapping(services)) return;
    for (const pair of services) {
      if (isString(pair.key)) checkContainer(ctx, pair.value, `service "${pair.key.value}" of job "${job.id}"`);
    }
  },
};

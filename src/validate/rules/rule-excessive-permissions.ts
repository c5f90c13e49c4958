import type { MappingToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import {
  isBasicExpression,
  isMapping,
  isSequence,
  isString,
} from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule, RuleContext } from "../rule.js";

/** Triggers that run with the base repository's secrets and a possibly writable token on others' code. */
const PRIVILEGED = ["pull_request_target", "workflow_run"];
const PR_HEAD = /github\.event\.pull_request\.head\.(sha|ref|repo\.full_name)|github\.head_ref|refs\/pull\//;
const RUN_HEAD = /github\.event\.workflow_run\.(head_sha|head_branch|head_repository\.full_name)/;

function text(token: TemplateToken): string {
  if (isBasicExpression(token)) return token.expression;
  if (isString(token)) return token.value;
  return "";
}

function triggers(on: TemplateToken | undefined): Map<string, TemplateToken> {
  const found = new Map<string, TemplateToken>();
  if (!on) return found;
  if (isString(on)) found.set(on.value, on);
  else if (isSequence(on)) {
    for (const item of on) if (isString(item)) found.set(item.value, item);
  } else if (isMapping(on)) {
    for (const pair of on) if (isString(pair.key)) found.set(pair.key.value, pair.key);
  }
  return found;
}

function checkWriteAll(ctx: RuleContext, permissions: TemplateToken | undefined, where: string, event: string): void {
  if (permissions && isString(permissions) && permissions.value === "write-all") {
    ctx.report(permissions, `${where} grants write-all in a workflow triggered by "${event}"`, {
      hint: "list only the scopes each job needs, e.g. permissions: { contents: read, pull-requests: write }",
    });
  }
}

function checkCheckout(ctx: RuleContext, step: MappingToken, event: string): void {
  const uses = step.find("uses");
  if (!uses || !isString(uses) || !uses.value.toLowerCase().startsWith("actions/checkout@")) return;
  const withToken = step.find("with");
  if (!withToken || !isMapping(withToken)) return;
  for (const key of ["ref", "repository"]) {
    const value = withToken.find(key);
    if (!value) continue;
    const source = text(value);
    if (event === "pull_request_target" && PR_HEAD.test(source)) {
      ctx.report(
        value,
        `checks out the pull request's code in a "pull_request_target" workflow, which has secrets and a writable token`,
        {
          severity: "error",
          hint: 'use "pull_request" for untrusted code, or never build or run what this checkout fetches',
        },
      );
      return;
    }
    if (event === "workflow_run" && RUN_HEAD.test(source)) {
      ctx.report(
        value,
        `checks out the triggering run's code in a "workflow_run" workflow, which has secrets and a writable token`,
        {
          hint: "treat that code and its artifacts as untrusted: do not build or run it here",
        },
      );
      return;
    }
  }
}

export const excessivePermissionsRule: Rule = {
  id: "excessive-permissions",
  description:
    "pull_request_target / workflow_run workflows with broad token permissions or checkouts of untrusted code.",
  severity: "warning",
  workflow(ctx, root) {
    const found = triggers(root.find("on"));
    const event = PRIVILEGED.find((name) => found.has(name));
    if (!event) return;
    const trigger = found.get(event) as TemplateToken;
    const permissions = root.find("permissions");
    checkWriteAll(ctx, permissions, "the workflow", event);
    if (permissions && isMapping(permissions)) {
      for (const pair of permissions) {
        if (isString(pair.value) && pair.value.value === "write") {
          ctx.report(
            pair.key,
            `workflow-level "${text(pair.key)}: write" applies to every job of a workflow triggered by "${event}"`,
            {
              hint: "grant write scopes in the job that needs them",
            },
          );
        }
      }
    }
    const jobs = root.find("jobs");
    if (!jobs || !isMapping(jobs)) return;
    const unrestricted: string[] = [];
    for (const pair of jobs) {
      if (!isString(pair.key) || !isMapping(pair.value)) continue;
      const jobPermissions = pair.value.find("permissions");
      checkWriteAll(ctx, jobPermissions, `job "${pair.key.value}"`, event);
      if (!permissions && !jobPermissions) unrestricted.push(pair.key.value);
      const steps = pair.value.find("steps");
      for (const [name] of found) {
        if (!PRIVILEGED.includes(name) || !steps || !isSequence(steps)) continue;
        for (const step of steps) if (isMapping(step)) checkCheckout(ctx, step, name);
      }
    }
    if (unrestricted.length > 0) {
      ctx.report(
        trigger,
        `workflow triggered by "${event}" has no "permissions:" for job${unrestricted.length > 1 ? "s" : ""} ${unrestricted.map((j) => `"${j}"`).join(", ")}; the token may have write access`,
        {
          hint: "add permissions: { contents: read } at the top and grant writes per job",
        },
      );
    }
  },
};

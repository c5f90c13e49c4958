import type { MappingToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import { isMapping, isSequence, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule } from "../rule.js";

interface Requirement {
  /** `owner/repo[/path]` the requirement applies to, lower-case. */
  action: string;
  scopes: string[];
  /** Only when the step's `with:` satisfies this (e.g. OIDC mode); absent = always. */
  when?: (inputs: Set<string>) => boolean;
  why: string;
}

/**
 * Scopes actions cannot work without. GitHub's parser already validates scope names and values,
 * so this rule only checks that a declared `permissions:` block grants what the job's actions need.
 */
const REQUIREMENTS: readonly Requirement[] = [
  { action: "actions/deploy-pages", scopes: ["pages", "id-token"], why: "deploys to GitHub Pages" },
  {
    action: "actions/attest-build-provenance",
    scopes: ["id-token", "attestations"],
    why: "signs attestations with OIDC",
  },
  { action: "actions/attest-sbom", scopes: ["id-token", "attestations"], why: "signs attestations with OIDC" },
  { action: "actions/attest", scopes: ["id-token", "attestations"], why: "signs attestations with OIDC" },
  {
    action: "aws-actions/configure-aws-credentials",
    scopes: ["id-token"],
    when: (inputs) =>
      inputs.has("role-to-assume") && !inputs.has("aws-access-key-id") && !inputs.has("web-identity-token-file"),
    why: "assumes the role with GitHub's OIDC token",
  },
  {
    action: "google-github-actions/auth",
    scopes: ["id-token"],
    when: (inputs) => inputs.has("workload_identity_provider"),
    why: "uses Workload Identity Federation (OIDC)",
  },
  {
    action: "azure/login",
    scopes: ["id-token"],
    when: (inputs) => inputs.has("client-id") && !inputs.has("creds"),
    why: "logs in with OIDC (client-id without creds)",
  },
  {
    action: "pypa/gh-action-pypi-publish",
    scopes: ["id-token"],
    when: (inputs) => !inputs.has("password"),
    why: "uses PyPI trusted publishing (no password)",
  },
];

/** Write-granted scopes of a `permissions:` value; undefined when it cannot be known statically. */
function writeScopes(permissions: TemplateToken): { all: boolean; scopes: Set<string> } | undefined {
  if (isString(permissions)) {
    if (permissions.value === "write-all") return { all: true, scopes: new Set() };
    if (permissions.value === "read-all") return { all: false, scopes: new Set() };
    return undefined;
  }
  if (!isMapping(permissions)) return undefined;
  const scopes = new Set<string>();
  for (const pair of permissions) {
    if (!isString(pair.key)) continue;
    if (!isString(pair.value)) return undefined;
    if (pair.value.value === "write") scopes.add(pair.key.value);
  }
  return { all: false, scopes };
}

function withKeys(step: MappingToken): Set<string> {
  const keys = new Set<string>();
  const withToken = step.find("with");
  if (withToken && isMapping(withToken))
    for (const pair of withToken) if (isString(pair.key)) keys.add(pair.key.value.toLowerCase());
  return keys;
}

export const permissionsRule: Rule = {
  id: "permissions",
  description:
    "A declared permissions: block must grant the scopes the job's actions need (OIDC, Pages, attestations).",
  severity: "error",
  job(ctx, job) {
    const jobPermissions = job.token.find("permissions");
    const permissions = jobPermissions ?? ctx.root.find("permissions");
    if (!permissions) return;
    const granted = writeScopes(permissions);
    if (!granted || granted.all) return;
    const steps = job.token.find("steps");
    if (!steps || !isSequence(steps)) return;
    for (const step of steps) {
      if (!isMapping(step)) continue;
      const uses = step.find("uses");
      if (!uses || !isString(uses)) continue;
      const action = uses.value.split("@")[0]?.toLowerCase() ?? "";
      for (const requirement of REQUIREMENTS) {
        if (requirement.action !== action) continue;
        if (requirement.when && !requirement.when(withKeys(step))) continue;
        const missing = requirement.scopes.filter((scope) => !granted.scopes.has(scope));
        if (missing.length === 0) continue;
        const where = jobPermissions ? `job "${job.id}"` : "the workflow";
        ctx.report(
          uses,
          `"${uses.value}" ${requirement.why} and needs ${missing.map((s) => `"${s}: write"`).join(", ")}, which the permissions of ${where} do not grant`,
          {
            hint: `add ${missing.map((s) => `${s}: write`).join(" and ")} to the permissions of job "${job.id}"`,
          },
        );
      }
    }
  },
};

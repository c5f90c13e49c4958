import type { StringToken } from "@actions/workflow-parser/templates/tokens/index";
import { isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule, RuleContext } from "../rule.js";

const NAME = "[A-Za-z0-9_.-]+";
const REMOTE = new RegExp(`^${NAME}/${NAME}(/[^@]*)?(@(.*))?$`);
const DOCKER_IMAGE = /^[a-z0-9]([a-z0-9._/:-]*[a-z0-9])?(:[\w][\w.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;
const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** Problems of a step's `uses:` value; empty when it is well-formed. */
export function stepUsesProblems(uses: string): { message: string; hint?: string }[] {
  if (uses.startsWith("./") || uses === ".") return [];
  if (uses.startsWith("docker://")) {
    const image = uses.slice("docker://".length);
    if (image === "") return [{ message: `"docker://" needs an image name` }];
    const withoutRegistryPort = image.replace(/^([^/]+):(\d+)\//, "$1/");
    if (!DOCKER_IMAGE.test(withoutRegistryPort.toLowerCase()) || /[A-Z]/.test(image.split(/[:@]/)[0] ?? "")) {
      return [
        {
          message: `"${image}" is not a valid Docker image reference`,
          hint: "use docker://name[:tag] or docker://name@sha256:<digest>",
        },
      ];
    }
    return [];
  }
  if (/\s/.test(uses)) return [{ message: `"uses: ${uses}" contains whitespace` }];
  const match = REMOTE.exec(uses);
  if (!match) {
    return [
      {
        message: `"${uses}" is not a valid action reference`,
        hint: "use owner/repo@ref, owner/repo/path@ref, ./local/path or docker://image",
      },
    ];
  }
  if (match[2] === undefined) {
    return [{ message: `action "${uses}" is missing "@ref"`, hint: `pin a version: ${uses}@<tag or commit SHA>` }];
  }
  if (match[3] === "") return [{ message: `action "${uses}" has an empty ref after "@"` }];
  return [];
}

/** Problems of a job-level `uses:` (a reusable workflow). */
export function workflowUsesProblems(uses: string): { message: string; hint?: string }[] {
  const hint = "use owner/repo/.github/workflows/<file>.yml@ref or ./.github/workflows/<file>.yml";
  if (uses.startsWith("./")) {
    const [path, ref] = uses.slice(2).split("@");
    if (ref !== undefined)
      return [
        {
          message: `local reusable workflow "${uses}" cannot have "@ref"`,
          hint: "local workflows come from the same commit; drop the @ref",
        },
      ];
    if (!WORKFLOW_FILE.test(path ?? ""))
      return [{ message: `"${uses}" is not a workflow file under ./.github/workflows/`, hint }];
    return [];
  }
  const match = new RegExp(`^${NAME}/${NAME}/(.+?)(@(.*))?$`).exec(uses);
  if (!match || !WORKFLOW_FILE.test(match[1] ?? ""))
    return [{ message: `"${uses}" is not a reusable workflow reference`, hint }];
  if (match[2] === undefined) return [{ message: `reusable workflow "${uses}" is missing "@ref"`, hint }];
  if (match[3] === "") return [{ message: `reusable workflow "${uses}" has an empty ref after "@"` }];
  return [];
}

function check(ctx: RuleContext, token: StringToken, problems: { message: string; hint?: string }[]): void {
  for (const problem of problems) ctx.report(token, problem.message, problem.hint ? { hint: problem.hint } : {});
}

export const usesRule: Rule = {
  id: "uses",
  description: "Format of uses: for actions and reusable workflows.",
  severity: "error",
  step(ctx, step) {
    const uses = step.token.find("uses");
    if (!uses || !isString(uses) || uses.value.includes("${{")) return;
    check(ctx, uses, stepUsesProblems(uses.value));
  },
  job(ctx, job) {
    const uses = job.token.find("uses");
    if (!uses || !isString(uses) || uses.value.includes("${{")) return;
    check(ctx, uses, workflowUsesProblems(uses.value));
  },
};

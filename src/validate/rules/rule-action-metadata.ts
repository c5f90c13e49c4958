import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/index";
import { isBoolean, isMapping, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import { CURRENT_NODE_RUNTIME, outdatedRuntime } from "../metadata/runtimes.js";
import type { Rule, RuleContext } from "../rule.js";

const INPUT_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** True when the action file is on disk, so paths in it can be checked relative to it. */
function onDisk(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

function checkRuns(ctx: RuleContext, runs: MappingToken): string | undefined {
  const using = runs.find("using");
  if (!using || !isString(using)) return undefined;
  const runtime = using.value;
  const verdict = outdatedRuntime(runtime);
  if (verdict) {
    ctx.report(using, `"using: ${runtime}" is an outdated Node.js runtime: ${verdict.reason}`, {
      severity: verdict.severity,
      hint: `use "${CURRENT_NODE_RUNTIME}"`,
    });
  }
  if (!runtime.startsWith("node") && runtime !== "docker") return runtime;
  if (!onDisk(ctx.file)) return runtime;
  const keys = runtime === "docker" ? ["image"] : ["main", "pre", "post"];
  for (const key of keys) {
    const value = runs.find(key);
    if (!value || !isString(value) || value.value.includes("${{")) continue;
    if (key === "image" && (value.value.startsWith("docker://") || value.value === "")) continue;
    const target = resolve(dirname(ctx.file), value.value);
    if (!existsSync(target)) {
      ctx.report(value, `"${key}: ${value.value}" does not exist next to this action file`, {
        hint:
          key === "image"
            ? "use a Dockerfile path relative to action.yml or docker://image"
            : "build the action or fix the path (relative to action.yml)",
      });
    }
  }
  return runtime;
}

export const actionMetadataRule: Rule = {
  id: "action-metadata",
  description: "action.yml files: runtime, entry files, input ids, required inputs with defaults, composite outputs.",
  severity: "error",
  action(ctx, root) {
    const runs = root.find("runs");
    const runtime = runs && isMapping(runs) ? checkRuns(ctx, runs) : undefined;
    const inputs = root.find("inputs");
    if (inputs && isMapping(inputs)) {
      for (const pair of inputs) {
        if (!isString(pair.key)) continue;
        const name = pair.key.value;
        if (!INPUT_ID.test(name)) {
          ctx.report(pair.key, `input id "${name}" is invalid`, {
            hint: "start with a letter or _, then use only letters, digits, _ and -",
          });
        }
        if (!isMapping(pair.value)) continue;
        const required = pair.value.find("required");
        const defaultValue = pair.value.find("default");
        if (required && isBoolean(required) && required.value && defaultValue) {
          ctx.report(required, `input "${name}" is required but has a default, so it is never missing`, {
            severity: "warning",
            hint: 'drop "default" or set "required: false"',
          });
        }
      }
    }
    const outputs = root.find("outputs");
    if (!outputs || !isMapping(outputs) || runtime === undefined) return;
    for (const pair of outputs) {
      if (!isString(pair.key) || !isMapping(pair.value)) continue;
      const value = pair.value.find("value");
      if (runtime === "composite" && !value) {
        ctx.report(pair.key, `output "${pair.key.value}" of a composite action needs "value"`, {
          hint: "e.g. value: ${{ steps.<id>.outputs.<name> }}",
        });
      }
    }
  },
};

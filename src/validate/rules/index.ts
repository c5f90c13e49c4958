/**
 * The registry of every rule. One import line per rules/rule-<id>.ts file, kept sorted; each module's
 * exported rule objects are collected, whatever they are named.
 */
import type { Rule } from "../rule.js";
import * as ruleActionInputs from "./rule-action-inputs.js";
import * as ruleActionMetadata from "./rule-action-metadata.js";
import * as ruleActionRuntime from "./rule-action-runtime.js";
import * as ruleCredentials from "./rule-credentials.js";
import * as ruleCron from "./rule-cron.js";
import * as ruleDeprecatedCommands from "./rule-deprecated-commands.js";
import * as ruleDispatchInputs from "./rule-dispatch-inputs.js";
import * as ruleEvents from "./rule-events.js";
import * as ruleExcessivePermissions from "./rule-excessive-permissions.js";
import * as ruleExpression from "./rule-expression.js";
import * as ruleExpressionType from "./rule-expression-type.js";
import * as ruleGlob from "./rule-glob.js";
import * as ruleId from "./rule-id.js";
import * as ruleIfAlwaysTrue from "./rule-if-always-true.js";
import * as ruleInjection from "./rule-injection.js";
import * as ruleJobNeeds from "./rule-job-needs.js";
import * as rulePermissions from "./rule-permissions.js";
import * as ruleReusableWorkflow from "./rule-reusable-workflow.js";
import * as ruleRunnerLabel from "./rule-runner-label.js";
import * as ruleUnpinnedAction from "./rule-unpinned-action.js";
import * as ruleUses from "./rule-uses.js";
import * as ruleSchema from "./rule-schema.js";
import * as ruleShellName from "./rule-shell-name.js";
import * as ruleShellcheck from "./rule-shellcheck.js";
import * as ruleSyntax from "./rule-syntax.js";

function isRule(value: unknown): value is Rule {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Rule>;
  return (
    typeof candidate.id === "string" &&
    typeof candidate.description === "string" &&
    typeof candidate.severity === "string"
  );
}

function collect(...modules: Record<string, unknown>[]): Rule[] {
  const byId = new Map<string, Rule>();
  for (const mod of modules) {
    for (const value of Object.values(mod)) {
      if (isRule(value)) byId.set(value.id, value);
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every rule, sorted by id. */
// prettier-ignore
export const ALL_RULES: readonly Rule[] = collect(
  ruleActionInputs,
  ruleActionMetadata,
  ruleActionRuntime,
  ruleCredentials,
  ruleCron,
  ruleDeprecatedCommands,
  ruleDispatchInputs,
  ruleEvents,
  ruleExcessivePermissions,
  ruleExpression,
  ruleExpressionType,
  ruleGlob,
  ruleId,
  ruleIfAlwaysTrue,
  ruleInjection,
  ruleJobNeeds,
  rulePermissions,
  ruleReusableWorkflow,
  ruleRunnerLabel,
  ruleUnpinnedAction,
  ruleUses,
  ruleSchema,
  ruleShellName,
  ruleShellcheck,
  ruleSyntax,
);

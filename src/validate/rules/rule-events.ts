import type { MappingToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import { isMapping, isSequence, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule, RuleContext } from "../rule.js";

/** Filter pairs GitHub refuses to combine for one event. */
const EXCLUSIVE_FILTERS: readonly (readonly [string, string])[] = [
  ["branches", "branches-ignore"],
  ["tags", "tags-ignore"],
  ["paths", "paths-ignore"],
];

function keyName(token: TemplateToken): string {
  return isString(token) ? token.value : "";
}

function checkEventConfig(ctx: RuleContext, event: string, config: MappingToken): void {
  const keys = new Map<string, TemplateToken>();
  for (const pair of config) keys.set(keyName(pair.key), pair.key);
  for (const [include, ignore] of EXCLUSIVE_FILTERS) {
    const second = keys.get(ignore);
    if (keys.has(include) && second) {
      ctx.report(second, `"${include}" and "${ignore}" cannot both be set for the "${event}" event`, {
        hint: `keep "${include}" and exclude with "!" patterns in it, or use only "${ignore}"`,
      });
    }
  }
}

export const eventsRule: Rule = {
  id: "events",
  description: "Event filters that GitHub refuses or ignores, and workflow_run without workflows.",
  severity: "error",
  workflow(ctx, root) {
    const on = root.find("on");
    if (!on) return;
    const events: { name: string; key: TemplateToken; config?: TemplateToken }[] = [];
    if (isString(on)) events.push({ name: on.value, key: on });
    else if (isSequence(on)) {
      for (const item of on) if (isString(item)) events.push({ name: item.value, key: item });
    } else if (isMapping(on)) {
      for (const pair of on) events.push({ name: keyName(pair.key), key: pair.key, config: pair.value });
    }
    for (const { name, key, config } of events) {
      if (config && isMapping(config)) checkEventConfig(ctx, name, config);
      if (name === "workflow_run" && !(config && isMapping(config) && config.find("workflows"))) {
        ctx.report(key, `"workflow_run" event needs "workflows" naming the workflows that trigger it`, {
          hint: 'add e.g. workflows: ["CI"] (the "name:" of the triggering workflow)',
        });
      }
    }
  },
};

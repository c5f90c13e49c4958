import type { MappingToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import {
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
} from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule, RuleContext } from "../rule.js";

function scalarText(token: TemplateToken): string | undefined {
  if (isString(token)) return token.value;
  if (isBoolean(token) || isNumber(token)) return String(token.value);
  return undefined;
}

function checkInput(ctx: RuleContext, event: string, name: string, input: MappingToken): void {
  const typeToken = input.find("type");
  const type = typeToken && isString(typeToken) ? typeToken.value : "string";
  const defaultToken = input.find("default");
  const defaultText = defaultToken ? scalarText(defaultToken) : undefined;
  const isExpression = defaultText?.includes("${{") ?? false;
  const options = input.find("options");

  if (type === "choice") {
    const values: string[] = [];
    if (options && isSequence(options)) {
      const seen = new Set<string>();
      for (const option of options) {
        const text = scalarText(option);
        if (text === undefined) continue;
        if (seen.has(text)) ctx.report(option, `option "${text}" of input "${name}" is listed more than once`);
        seen.add(text);
        values.push(text);
      }
    }
    if (values.length === 0) {
      ctx.report(options ?? typeToken ?? input, `choice input "${name}" needs a non-empty "options" list`);
    } else if (defaultToken && defaultText !== undefined && !isExpression && !values.includes(defaultText)) {
      ctx.report(defaultToken, `default "${defaultText}" of choice input "${name}" is not one of its options`, {
        hint: `options: ${values.map((v) => `"${v}"`).join(", ")}`,
      });
    }
  }
  if (type === "boolean" && defaultToken && !isBoolean(defaultToken) && !isExpression) {
    if (defaultText === undefined || !/^(true|false)$/.test(defaultText)) {
      ctx.report(defaultToken, `default of boolean input "${name}" must be true or false`);
    }
  }
  if (type === "number" && defaultToken && !isNumber(defaultToken) && !isExpression) {
    if (defaultText === undefined || !/^\s*-?\d+(\.\d+)?\s*$/.test(defaultText)) {
      ctx.report(defaultToken, `default of number input "${name}" must be a number`);
    }
  }
  // A caller must pass a required workflow_call input, so its default is never used.
  const required = input.find("required");
  if (event === "workflow_call" && required && isBoolean(required) && required.value && defaultToken) {
    ctx.report(defaultToken, `input "${name}" is required, so its default is never used`, {
      severity: "warning",
      hint: 'drop "default" or set "required: false"',
    });
  }
}

export const dispatchInputsRule: Rule = {
  id: "dispatch-inputs",
  description:
    "workflow_dispatch and workflow_call input definitions: choice options, default types, required with default.",
  severity: "error",
  workflow(ctx, root) {
    const on = root.find("on");
    if (!on || !isMapping(on)) return;
    for (const event of ["workflow_dispatch", "workflow_call"]) {
      const config = on.find(event);
      const inputs = config && isMapping(config) ? config.find("inputs") : undefined;
      if (!inputs || !isMapping(inputs)) continue;
      for (const pair of inputs) {
        if (isString(pair.key) && isMapping(pair.value)) checkInput(ctx, event, pair.key.value, pair.value);
      }
    }
  },
};

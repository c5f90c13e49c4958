import { isMapping, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { ActionMetadata, Rule } from "../rule.js";
import { editDistance } from "../../common/edit-distance.js";

type DeclaredInput = ActionMetadata["inputs"][string] & { name: string };
const declaredByAction = new WeakMap<ActionMetadata, Map<string, DeclaredInput>>();

/** An action's inputs by lower-cased name, built once per action's metadata. */
function declaredInputs(metadata: ActionMetadata): Map<string, DeclaredInput> {
  let declared = declaredByAction.get(metadata);
  if (!declared) {
    // Input names are case-insensitive: the runner passes them as INPUT_<NAME> upper-cased.
    declared = new Map(
      Object.entries(metadata.inputs).map(([name, input]) => [name.toLowerCase(), { name, ...input }]),
    );
    declaredByAction.set(metadata, declared);
  }
  return declared;
}

/** `with:` keys Docker container actions accept besides their declared inputs. */
const DOCKER_KEYS = ["args", "entrypoint"];

export const actionInputsRule: Rule = {
  id: "action-inputs",
  description: "with: keys against the referenced action's inputs: unknown, missing required, deprecated.",
  severity: "error",
  step(ctx, step) {
    const uses = step.token.find("uses");
    if (!uses || !isString(uses) || uses.value.includes("${{") || uses.value.startsWith("docker://")) return;
    const metadata = ctx.lookups.actionMetadata(uses.value);
    if (!metadata) return;
    const declared = declaredInputs(metadata);
    const withToken = step.token.find("with");
    if (withToken && !isMapping(withToken)) return;
    const given = new Set<string>();
    for (const pair of withToken ?? []) {
      if (!isString(pair.key)) continue;
      const key = pair.key.value.toLowerCase();
      given.add(key);
      const input = declared.get(key);
      if (input?.deprecated) {
        ctx.report(pair.key, `input "${pair.key.value}" of "${uses.value}" is deprecated`, { severity: "warning" });
      }
      if (input || (metadata.runs === "docker" && DOCKER_KEYS.includes(key))) continue;
      const names = [...declared.values()].map((i) => i.name);
      const close = names.filter((name) => editDistance(name.toLowerCase(), key, 2) <= 2);
      ctx.report(pair.key, `"${uses.value}" has no input "${pair.key.value}"`, {
        hint:
          close.length > 0
            ? `did you mean "${close[0]}"?`
            : names.length > 0
              ? `its inputs: ${names.join(", ")}`
              : "it declares no inputs",
      });
    }
    const missing = [...declared.values()].filter((input) => input.required && !given.has(input.name.toLowerCase()));
    if (missing.length > 0) {
      ctx.report(
        uses,
        `"${uses.value}" needs input${missing.length > 1 ? "s" : ""} ${missing.map((i) => `"${i.name}"`).join(", ")} in "with:"`,
      );
    }
  },
};

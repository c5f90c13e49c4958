import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export interface ActionInput {
  default?: string;
  required: boolean;
}

/** What the runner reads from a JavaScript action's action.yml. */
export interface ActionMetadata {
  file: string;
  using: string;
  main: string;
  pre?: string;
  post?: string;
  postIf: string;
  inputs: Record<string, ActionInput>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** YAML scalars arrive as the runner passes them: strings (`default: 3` becomes "3"). */
function scalarText(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "";
  throw new Error(`${where} must be a scalar`);
}

/** Reads `<actionDir>/action.yml` (or action.yaml) and checks it describes a node action. */
export function loadActionMetadata(actionDir: string): ActionMetadata {
  let file = join(actionDir, "action.yml");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    file = join(actionDir, "action.yaml");
    text = readFileSync(file, "utf8");
  }
  const doc: unknown = parse(text);
  if (!isRecord(doc) || !isRecord(doc.runs)) throw new Error(`${file}: no 'runs' mapping`);
  const runs = doc.runs;
  const using = scalarText(runs.using, `${file}: runs.using`);
  if (!/^node\d+$/.test(using))
    throw new Error(`${file}: runs.using is '${using}', the harness runs node actions only`);
  if (typeof runs.main !== "string") throw new Error(`${file}: runs.main is missing`);
  const inputs: Record<string, ActionInput> = {};
  if (doc.inputs !== undefined && doc.inputs !== null) {
    if (!isRecord(doc.inputs)) throw new Error(`${file}: 'inputs' must be a mapping`);
    for (const [name, spec] of Object.entries(doc.inputs)) {
      const input: ActionInput = { required: false };
      if (isRecord(spec)) {
        if (spec.default !== undefined) input.default = scalarText(spec.default, `${file}: inputs.${name}.default`);
        input.required = spec.required === true;
      }
      inputs[name] = input;
    }
  }
  const metadata: ActionMetadata = {
    file,
    using,
    main: runs.main,
    postIf: typeof runs["post-if"] === "string" ? runs["post-if"] : "always()",
    inputs,
  };
  if (typeof runs.pre === "string") metadata.pre = runs.pre;
  if (typeof runs.post === "string") metadata.post = runs.post;
  return metadata;
}

/** The environment variable the runner sets for an input: spaces become `_`, upper-cased, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

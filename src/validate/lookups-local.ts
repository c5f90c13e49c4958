/**
 * Lookups served from disk: local actions (`uses: ./path`) read from their action.yml, and local
 * reusable workflows (`uses: ./.github/workflows/x.yml`) read for their `on.workflow_call`.
 * Remote actions are delegated to `remote` (the bundled data set / API cache). Each file is read once.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isMap, isScalar, parseDocument, type YAMLMap } from "yaml";
import type { ActionMetadata, Lookups, ReusableWorkflowMetadata } from "./rule.js";

export interface LocalLookupOptions {
  /** The repository root that `./` paths are relative to. */
  root: string;
  /** Metadata of `owner/repo@ref` actions; undefined = unknown. */
  remote?: (uses: string) => ActionMetadata | undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR" || code === "EACCES") return undefined;
    throw error;
  }
}

/** The top-level mapping of a YAML text, or undefined when it is not readable YAML. */
function readMapping(text: string): YAMLMap | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  return doc.contents;
}

function child(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  const value = map?.get(key, true);
  return isMap(value) ? value : undefined;
}

function scalar(map: YAMLMap, key: string): unknown {
  const value = map.get(key, true);
  return isScalar(value) ? value.value : undefined;
}

function keysOf(map: YAMLMap | undefined): string[] {
  if (!map) return [];
  return map.items.filter((p) => isScalar(p.key)).map((p) => String((p.key as { value: unknown }).value));
}

function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** Parses the text of an action.yml into the metadata rules use. */
export function actionMetadataFromText(text: string): ActionMetadata | undefined {
  const root = readMapping(text);
  if (!root) return undefined;
  const inputs: ActionMetadata["inputs"] = {};
  const inputMap = child(root, "inputs");
  for (const name of keysOf(inputMap)) {
    const spec = child(inputMap, name);
    const hasDefault = spec ? spec.has("default") : false;
    const entry: { required: boolean; deprecated?: boolean } = {
      required: spec ? isTrue(scalar(spec, "required")) && !hasDefault : false,
    };
    if (spec?.has("deprecationMessage")) entry.deprecated = true;
    inputs[name] = entry;
  }
  const runs = child(root, "runs");
  const using = runs ? scalar(runs, "using") : undefined;
  const meta: ActionMetadata = { inputs, outputs: keysOf(child(root, "outputs")) };
  if (typeof using === "string") meta.runs = using;
  return meta;
}

/** Parses a workflow's text into its `on.workflow_call` interface; undefined when it is not a callee. */
export function reusableWorkflowFromText(text: string): ReusableWorkflowMetadata | undefined {
  const root = readMapping(text);
  if (!root) return undefined;
  const on = root.get("on", true);
  let call: YAMLMap | undefined;
  if (isMap(on)) {
    if (!on.has("workflow_call")) return undefined;
    call = child(on, "workflow_call");
  } else if (isScalar(on)) {
    if (on.value !== "workflow_call") return undefined;
  } else if (on && typeof on === "object" && "items" in on) {
    const items = (on as { items: unknown[] }).items;
    if (!items.some((i) => isScalar(i) && i.value === "workflow_call")) return undefined;
  } else {
    return undefined;
  }
  const meta: ReusableWorkflowMetadata = { inputs: {}, secrets: {}, outputs: keysOf(child(call, "outputs")) };
  const inputs = child(call, "inputs");
  for (const name of keysOf(inputs)) {
    const spec = child(inputs, name);
    const type = spec ? scalar(spec, "type") : undefined;
    const entry: { required: boolean; type?: string } = {
      required: spec ? isTrue(scalar(spec, "required")) && !spec.has("default") : false,
    };
    if (typeof type === "string") entry.type = type;
    meta.inputs[name] = entry;
  }
  const secrets = child(call, "secrets");
  for (const name of keysOf(secrets)) {
    const spec = child(secrets, name);
    meta.secrets[name] = { required: spec ? isTrue(scalar(spec, "required")) : false };
  }
  return meta;
}

/** Strips `./` and any `@ref` from a local `uses:` value. */
function localPath(uses: string): string {
  const at = uses.indexOf("@");
  return (at === -1 ? uses : uses.slice(0, at)).replace(/^\.\//, "").replace(/\/+$/, "");
}

export function createLocalLookups(options: LocalLookupOptions): Lookups {
  const root = resolve(options.root);
  const actions = new Map<string, ActionMetadata | undefined>();
  const workflows = new Map<string, ReusableWorkflowMetadata | undefined>();
  return {
    actionMetadata(uses: string): ActionMetadata | undefined {
      if (!uses.startsWith("./")) return options.remote?.(uses);
      const path = localPath(uses);
      if (!actions.has(path)) {
        const dir = join(root, path);
        const text = readText(join(dir, "action.yml")) ?? readText(join(dir, "action.yaml"));
        actions.set(path, text === undefined ? undefined : actionMetadataFromText(text));
      }
      return actions.get(path);
    },
    reusableWorkflow(path: string): ReusableWorkflowMetadata | undefined {
      if (!path.startsWith("./")) return undefined;
      const rel = localPath(path);
      if (!workflows.has(rel)) {
        const text = readText(join(root, rel));
        workflows.set(rel, text === undefined ? undefined : reusableWorkflowFromText(text));
      }
      return workflows.get(rel);
    },
  };
}

/** Loads `.github/redundancy.yml`: YAML with positions, schema, environment overrides, sources. */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import type * as z from "zod/mini";
import { ConfigurationError, errorMessage } from "../common/errors.js";
import { readEnvOverrides, type EnvValue } from "./env.js";
import { ConfigValidationError, type ConfigProblem } from "./problems.js";
import { DEFAULT_CONFIG_PATH, configSchema, describeInput, type ParsedConfig, type Settings } from "./schema.js";
import { closest, knownKeysAt } from "./suggest.js";
import { dottedKey, lineIfPresent, positionOf, type ConfigPath } from "./yaml-position.js";

/** Where an effective setting came from: "default", "file:<path>:<line>" or "env:<NAME>". */
export type SettingSource = "default" | `file:${string}:${number}` | `env:${string}`;

export interface LoadOptions {
  /** The config file; undefined (or the default path) may be missing, an explicit other path may not. */
  file?: string;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

export interface LoadedConfig {
  settings: Settings;
  /** Dotted key (`pm2.hosts[0].port`) of every effective leaf setting -> its source. */
  sources: Record<string, SettingSource>;
  /** The file as named in messages (as given, or the default path). */
  file: string;
  absolutePath: string;
  exists: boolean;
}

const SECTIONS_WITH_LOG_LEVEL = ["pm2", "netlify", "workflows"] as const;

export async function loadConfig(options: LoadOptions = {}): Promise<LoadedConfig> {
  const file = options.file ?? DEFAULT_CONFIG_PATH;
  const absolutePath = resolve(options.cwd ?? process.cwd(), file);
  const text = await readConfigText(file, absolutePath, options.file !== undefined && file !== DEFAULT_CONFIG_PATH);
  return parseConfig(text ?? "", { file, absolutePath, exists: text !== undefined, env: options.env ?? {} });
}

async function readConfigText(file: string, absolutePath: string, explicit: boolean): Promise<string | undefined> {
  try {
    return await readFile(absolutePath, "utf8");
  } catch (error) {
    // Not `instanceof Error`: errors from node's fs can come from another realm (jest's vm).
    const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
    if (code === "ENOENT" && !explicit) return undefined;
    if (code === "ENOENT") throw new ConfigurationError("config file not found", { file });
    if (code === "EISDIR") throw new ConfigurationError("is a directory, not a config file", { file });
    if (code === "EACCES") throw new ConfigurationError("config file is not readable (permission denied)", { file });
    throw error;
  }
}

interface ParseContext {
  file: string;
  absolutePath: string;
  exists: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** Validates config text; throws a ConfigValidationError listing every problem. */
export function parseConfig(text: string, context: ParseContext): LoadedConfig {
  const { file } = context;
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const at = error.linePos?.[0];
    problems.push({ file, line: at?.line, column: at?.col, message: firstLine(error.message) });
  }
  const env = readEnvOverrides(context.env);
  for (const p of env.problems) problems.push({ key: p.name, message: p.message });
  if (doc.errors.length > 0 || doc.warnings.length > 0) throw new ConfigValidationError(file, problems);

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ConfigurationError(`cannot read YAML: ${errorMessage(error)}`, { file });
  }
  raw ??= {};
  let parsed: ParsedConfig | undefined;
  if (typeof raw !== "object" || Array.isArray(raw)) {
    problems.push({ file, line: 1, column: 1, message: `the top level must be a mapping, got ${describeInput(raw)}` });
  } else {
    const result = configSchema.safeParse(raw, { reportInput: true });
    if (result.success) parsed = result.data;
    else for (const issue of result.error.issues) problems.push(...issueProblems(issue, doc, lines, file));
  }
  if (problems.length > 0 || parsed === undefined) throw new ConfigValidationError(file, problems);
  return resolveSettings(parsed, env.values, doc, lines, context);
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

function issueProblems(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter, file: string): ConfigProblem[] {
  const path = issue.path;
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(configSchema, path);
    return issue.keys.map((key) => {
      const at = positionOf(doc, lines, [...path, key], true);
      const suggestion = closest(key, known);
      const hint = suggestion ? `; did you mean '${suggestion}'?` : "";
      return { file, ...at, key: dottedKey([...path, key]), message: `unknown key '${key}'${hint}` };
    });
  }
  const at = positionOf(doc, lines, path);
  const key = dottedKey(path);
  const message = issue.message.replace(/^Invalid input: /, "");
  return [{ file, ...at, ...(key === "" ? {} : { key }), message }];
}

function setAt(target: Record<string, unknown>, path: ConfigPath, value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[String(segment)];
    if (typeof next !== "object" || next === null) throw new Error(`settings have no section ${String(segment)}`);
    node = next as Record<string, unknown>;
  }
  node[String(path[path.length - 1])] = value;
}

function resolveSettings(
  parsed: ParsedConfig,
  envValues: EnvValue[],
  doc: Document,
  lines: LineCounter,
  context: ParseContext,
): LoadedConfig {
  const fromEnv = new Map<string, string>();
  for (const { override, value } of envValues) {
    setAt(parsed, override.path, value);
    fromEnv.set(dottedKey(override.path), override.name);
  }
  const topLevel = parsed["log-level"];
  const settings: Settings = {
    ...parsed,
    pm2: { ...parsed.pm2, "log-level": parsed.pm2["log-level"] ?? topLevel },
    netlify: { ...parsed.netlify, "log-level": parsed.netlify["log-level"] ?? topLevel },
    workflows: { ...parsed.workflows, "log-level": parsed.workflows["log-level"] ?? topLevel },
  };
  const sourceOf = (path: ConfigPath): SettingSource => {
    const name = fromEnv.get(dottedKey(path));
    if (name !== undefined) return `env:${name}`;
    const line = context.exists ? lineIfPresent(doc, lines, path) : undefined;
    return line === undefined ? "default" : `file:${context.file}:${line}`;
  };
  const sources: Record<string, SettingSource> = {};
  for (const { path, key } of flattenSettings(settings)) sources[key] = sourceOf(path);
  for (const section of SECTIONS_WITH_LOG_LEVEL) {
    const key = `${section}.log-level`;
    // A section without its own log level inherits the top-level one, and its source.
    if (sources[key] === "default") sources[key] = sources["log-level"];
  }
  return { settings, sources, file: context.file, absolutePath: context.absolutePath, exists: context.exists };
}

export interface SettingLeaf {
  key: string;
  path: PropertyKey[];
  value: unknown;
}

/** Every leaf setting in order: scalars and lists of scalars; mappings and lists of mappings are walked. */
export function flattenSettings(settings: Settings): SettingLeaf[] {
  const out: SettingLeaf[] = [];
  const walk = (value: unknown, path: PropertyKey[]): void => {
    if (Array.isArray(value) && value.some((item) => typeof item === "object" && item !== null)) {
      value.forEach((item, index) => walk(item, [...path, index]));
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) if (child !== undefined) walk(child, [...path, key]);
    } else {
      out.push({ key: dottedKey(path), path, value });
    }
  };
  walk(settings, []);
  return out;
}

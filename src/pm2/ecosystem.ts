/**
 * Reading and validating a PM2 ecosystem file (JSON, YAML or JavaScript) without running it.
 *
 * JavaScript files are parsed with acorn and only a literal `module.exports = {...}` or
 * `export default {...}` is read from the syntax tree; nothing is evaluated. The file comes from a
 * repository or a remote host, and a sandboxed `vm` is not a security boundary, so code that
 * would have to run (require, function calls, variables, spreads, `process.env.X`) is reported
 * as a finding instead: "cannot be read statically; use JSON/YAML or literal values".
 * Findings never quote the values of `env` blocks.
 */
import { parse as parseJs } from "acorn";
import type { AnyNode, Expression, Node as JsNode, Position as JsPosition, Program, SpreadElement } from "acorn";
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Document, Node as YamlNode } from "yaml";
import { ConfigurationError } from "../common/errors.js";
import { PM2_OPTION_ALIASES, PM2_OPTION_KEYS } from "./pm2-keys.js";
import { closestMatch } from "../common/edit-distance.js";

export interface EcosystemApp {
  name: string;
  script?: string;
  cwd?: string;
  instances?: number | "max";
  execMode?: "fork" | "cluster";
  maxMemoryRestart?: string;
  cronRestart?: string;
  envKeys: string[];
  line?: number;
}

export interface EcosystemFinding {
  severity: "error" | "warning";
  message: string;
  line?: number;
  column?: number;
  key?: string;
}

export interface EcosystemParse {
  apps: EcosystemApp[];
  findings: EcosystemFinding[];
  method: "json" | "yaml" | "static-js";
}

/** App keys PM2 documents (its lib/API/schema.json, with aliases); `env_<name>` blocks are matched apart. */
export const PM2_APP_KEYS: ReadonlySet<string> = new Set([...PM2_OPTION_KEYS, ...PM2_OPTION_ALIASES]);

const TOP_LEVEL_KEYS = new Set(["apps", "deploy"]);
const BOOLEAN_KEYS = [
  "autorestart",
  "autostart",
  "merge_logs",
  "combine_logs",
  "vizion",
  "wait_ready",
  "treekill",
  "force",
];
const MAX_MEMORY = /^\d+(G|M|K)?$/;
const DYNAMIC_HINT = "cannot be read statically; use JSON/YAML or literal values";

interface Pos {
  line: number;
  column: number;
}

/** A parsed value with its position, the same for JSON, YAML and JS sources. */
type Value =
  | { kind: "object"; pos: Pos; entries: { key: string; pos: Pos; value: Value }[] }
  | { kind: "array"; pos: Pos; items: Value[] }
  | { kind: "scalar"; pos: Pos; value: string | number | boolean | null }
  | { kind: "dynamic"; pos: Pos; what: string };

type Entry = { key: string; pos: Pos; value: Value };

export function parseEcosystem(path: string, text: string): EcosystemParse {
  const method = methodFor(path);
  const findings: EcosystemFinding[] = [];
  const root = method === "static-js" ? readJs(text, findings) : readYamlOrJson(text, method, findings);
  if (root === undefined) return { apps: [], findings, method };
  reportDynamic(root, "", findings);
  const apps = validate(root, findings);
  findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { apps, findings, method };
}

function methodFor(path: string): EcosystemParse["method"] {
  const lower = path.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".yml") || lower.endsWith(".yaml")) return "yaml";
  if (lower.endsWith(".js") || lower.endsWith(".cjs") || lower.endsWith(".mjs")) return "static-js";
  throw new ConfigurationError("unsupported ecosystem file type; use .json, .yml, .yaml, .config.js or .cjs", {
    file: path,
  });
}

// ---------- JSON and YAML ----------

function readYamlOrJson(text: string, method: "json" | "yaml", findings: EcosystemFinding[]): Value | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
  const at = (offset: number): Pos => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (method === "json") {
    const problem = jsonProblem(text);
    if (problem) {
      findings.push({
        severity: "error",
        message: `invalid JSON: ${problem.message}`,
        ...(problem.offset === undefined ? {} : at(problem.offset)),
      });
      return undefined;
    }
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      // The first line of a yaml error names the problem; the rest quotes the source, which may hold secrets.
      const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      const pos = error.linePos?.[0];
      findings.push({
        severity: "error",
        message: `invalid YAML: ${message}`,
        ...(pos ? { line: pos.line, column: pos.col } : {}),
      });
    }
    return undefined;
  }
  if (doc.contents === null) {
    findings.push({ severity: "error", message: "the file is empty; it needs `apps: [...]`", line: 1, column: 1 });
    return undefined;
  }
  return fromYaml(doc.contents, doc, at, 0);
}

/** JSON.parse's own message quotes the input, so only its kind and position are kept. */
function jsonProblem(text: string): { message: string; offset?: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const head = error.message.split(/ in JSON|, "|\n/)[0];
    const position = /position (\d+)/.exec(error.message);
    return {
      message: head.includes('"') || head.length > 80 ? "syntax error" : head,
      offset: position ? Number(position[1]) : text.trim() === "" ? 0 : undefined,
    };
  }
}

function fromYaml(node: YamlNode | null, doc: Document, at: (offset: number) => Pos, depth: number): Value {
  const pos = node?.range ? at(node.range[0]) : { line: 1, column: 1 };
  if (node === null) return { kind: "scalar", pos, value: null };
  if (depth > 64) return { kind: "dynamic", pos, what: "a value nested too deeply" };
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target
      ? fromYaml(target, doc, at, depth + 1)
      : { kind: "dynamic", pos, what: `the unknown alias *${node.source}` };
  }
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || typeof v === "string" || typeof v === "boolean") return { kind: "scalar", pos, value: v };
    if (typeof v === "number" && Number.isFinite(v)) return { kind: "scalar", pos, value: v };
    return { kind: "dynamic", pos, what: "a value that is not a string, number or boolean" };
  }
  if (isSeq(node)) {
    return { kind: "array", pos, items: node.items.map((item) => fromYaml(asNode(item), doc, at, depth + 1)) };
  }
  if (isMap(node)) {
    const entries: Entry[] = node.items.map((pair) => {
      const keyNode = asNode(pair.key);
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : String(pair.key);
      const keyPos = keyNode?.range ? at(keyNode.range[0]) : pos;
      const valueNode = asNode(pair.value);
      const value = valueNode
        ? fromYaml(valueNode, doc, at, depth + 1)
        : { kind: "scalar" as const, pos: keyPos, value: null };
      return { key, pos: keyPos, value };
    });
    return { kind: "object", pos, entries };
  }
  return { kind: "dynamic", pos, what: "an unsupported YAML node" };
}

function asNode(value: unknown): YamlNode | null {
  return isAlias(value) || isScalar(value) || isMap(value) || isSeq(value) ? value : null;
}

// ---------- JavaScript, read statically ----------

type AcornError = SyntaxError & { loc: JsPosition };

function isAcornError(error: unknown): error is AcornError {
  return error instanceof SyntaxError && "loc" in error && typeof error.loc === "object" && error.loc !== null;
}

function readJs(text: string, findings: EcosystemFinding[]): Value | undefined {
  let program: Program;
  try {
    program = parseJs(text, { ecmaVersion: "latest", sourceType: "module", locations: true, allowHashBang: true });
  } catch (moduleError) {
    if (!isAcornError(moduleError)) throw moduleError;
    try {
      // CommonJS files may use sloppy-mode syntax a module rejects.
      program = parseJs(text, { ecmaVersion: "latest", sourceType: "script", locations: true, allowHashBang: true });
    } catch (scriptError) {
      if (!isAcornError(scriptError)) throw scriptError;
      findings.push({
        severity: "error",
        message: `invalid JavaScript: ${moduleError.message.replace(/ \(\d+:\d+\)$/, "")}`,
        line: moduleError.loc.line,
        column: moduleError.loc.column + 1,
      });
      return undefined;
    }
  }

  let exported: Expression | undefined;
  for (const statement of program.body) {
    if (statement.type === "ExpressionStatement" && "directive" in statement && statement.directive) continue;
    if (statement.type === "ExportDefaultDeclaration" && isExpression(statement.declaration)) {
      exported = statement.declaration;
      continue;
    }
    if (
      statement.type === "ExpressionStatement" &&
      statement.expression.type === "AssignmentExpression" &&
      statement.expression.operator === "=" &&
      dottedName(statement.expression.left) === "module.exports"
    ) {
      exported = statement.expression.right;
      continue;
    }
    findings.push({
      severity: "error",
      message: `${describeStatement(statement)} would have to run: the file ${DYNAMIC_HINT}`,
      ...posOf(statement),
    });
  }
  if (!exported) {
    findings.push({
      severity: "error",
      message: "no `module.exports = { apps: [...] }` or `export default { apps: [...] }` found",
      line: 1,
      column: 1,
    });
    return undefined;
  }
  return fromJs(exported, findings);
}

function isExpression(node: JsNode): node is Expression {
  return !/Declaration$/.test(node.type) || node.type === "ClassExpression";
}

function posOf(node: JsNode): Pos {
  return node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : { line: 1, column: 1 };
}

function fromJs(node: Expression | SpreadElement, findings: EcosystemFinding[]): Value {
  const pos = posOf(node);
  switch (node.type) {
    case "ObjectExpression": {
      const entries: Entry[] = [];
      for (const prop of node.properties) {
        if (prop.type === "SpreadElement") {
          findings.push({ severity: "error", message: `a spread (...) ${DYNAMIC_HINT}`, ...posOf(prop) });
          continue;
        }
        const key = propertyKey(prop.key, prop.computed);
        if (key === undefined || prop.kind !== "init" || prop.method) {
          findings.push({ severity: "error", message: `a computed key or method ${DYNAMIC_HINT}`, ...posOf(prop) });
          continue;
        }
        const value: Value = prop.shorthand
          ? { kind: "dynamic", pos: posOf(prop.value), what: `the variable \`${key}\`` }
          : fromJs(prop.value, findings);
        entries.push({ key, pos: posOf(prop), value });
      }
      return { kind: "object", pos, entries };
    }
    case "ArrayExpression": {
      const items: Value[] = [];
      for (const element of node.elements) {
        if (element === null) findings.push({ severity: "error", message: "an empty array slot", ...pos });
        else items.push(fromJs(element, findings));
      }
      return { kind: "array", pos, items };
    }
    case "Literal": {
      const v = node.value;
      if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
        return { kind: "scalar", pos, value: v };
      }
      return { kind: "dynamic", pos, what: node.regex ? "a regular expression" : "a BigInt" };
    }
    case "TemplateLiteral":
      if (node.expressions.length === 0) return { kind: "scalar", pos, value: node.quasis[0]?.value.cooked ?? "" };
      return { kind: "dynamic", pos, what: "a template string with ${...}" };
    case "UnaryExpression":
      if (
        (node.operator === "-" || node.operator === "+") &&
        node.argument.type === "Literal" &&
        typeof node.argument.value === "number"
      ) {
        return { kind: "scalar", pos, value: node.operator === "-" ? -node.argument.value : node.argument.value };
      }
      return { kind: "dynamic", pos, what: `the expression \`${node.operator}...\`` };
    case "SpreadElement":
      return { kind: "dynamic", pos, what: "a spread (...)" };
    default:
      return { kind: "dynamic", pos, what: describeJs(node) };
  }
}

function propertyKey(key: AnyNode, computed: boolean): string | undefined {
  if (computed) return undefined;
  if (key.type === "Identifier") return key.name;
  if (key.type === "Literal" && (typeof key.value === "string" || typeof key.value === "number"))
    return String(key.value);
  return undefined;
}

/** `a.b.c` for a chain of plain identifiers, undefined for anything else. */
function dottedName(node: AnyNode): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression" && !node.computed) {
    const object = dottedName(node.object);
    const property = dottedName(node.property);
    return object && property ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** `require(...).config(...)` for a chain of calls on plain names, undefined for anything else. */
function callText(node: AnyNode): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression" && !node.computed) {
    const object = callText(node.object);
    const property = dottedName(node.property);
    return object && property ? `${object}.${property}` : undefined;
  }
  if (node.type === "CallExpression") {
    const callee = callText(node.callee);
    return callee ? `${callee}(...)` : undefined;
  }
  return undefined;
}

function describeStatement(statement: Program["body"][number]): string {
  if (statement.type === "VariableDeclaration") {
    const names = statement.declarations.map((d) => (d.id.type === "Identifier" ? d.id.name : "...")).join(", ");
    return `the declaration of \`${names}\``;
  }
  if (statement.type === "ExpressionStatement") return describeJs(statement.expression);
  if (statement.type === "ImportDeclaration") return "an import";
  return `a statement (${statement.type})`;
}

function describeJs(node: Expression): string {
  const name = dottedName(node);
  if (name) return node.type === "Identifier" ? `the variable \`${name}\`` : `\`${name}\``;
  switch (node.type) {
    case "CallExpression": {
      const call = callText(node);
      return call ? `the call \`${call}\`` : "a function call";
    }
    case "NewExpression":
      return "a `new` expression";
    case "ArrowFunctionExpression":
    case "FunctionExpression":
      return "a function";
    case "ConditionalExpression":
      return "a conditional (?:)";
    case "BinaryExpression":
    case "LogicalExpression":
      return `an expression with \`${node.operator}\``;
    case "TaggedTemplateExpression":
      return "a tagged template";
    default:
      return `an expression (${node.type})`;
  }
}

// ---------- validation ----------

function reportDynamic(value: Value, path: string, findings: EcosystemFinding[]): void {
  if (value.kind === "dynamic") {
    findings.push({
      severity: "error",
      message: `${value.what} ${DYNAMIC_HINT}`,
      ...value.pos,
      ...(path ? { key: path } : {}),
    });
  } else if (value.kind === "array") {
    value.items.forEach((item, i) => reportDynamic(item, `${path}[${i}]`, findings));
  } else if (value.kind === "object") {
    for (const entry of value.entries) reportDynamic(entry.value, path ? `${path}.${entry.key}` : entry.key, findings);
  }
}

function validate(root: Value, findings: EcosystemFinding[]): EcosystemApp[] {
  let appsValue: Value | undefined;
  if (root.kind === "array") appsValue = root;
  else if (root.kind === "object") {
    for (const entry of root.entries) {
      if (entry.key === "apps") appsValue = entry.value;
      else if (!TOP_LEVEL_KEYS.has(entry.key)) {
        findings.push({
          severity: "warning",
          message: `unknown top-level key "${entry.key}"; PM2 reads only apps and deploy`,
          ...entry.pos,
          key: entry.key,
        });
      }
    }
    if (!appsValue) {
      findings.push({
        severity: "error",
        message: "no `apps` list: an ecosystem file needs `apps: [...]`",
        ...root.pos,
      });
      return [];
    }
  } else {
    if (root.kind === "scalar")
      findings.push({ severity: "error", message: "expected an object with `apps: [...]`", ...root.pos });
    return [];
  }
  if (appsValue.kind === "dynamic") return [];
  if (appsValue.kind !== "array") {
    findings.push({ severity: "error", message: "`apps` must be a list of apps", ...appsValue.pos, key: "apps" });
    return [];
  }
  if (appsValue.items.length === 0)
    findings.push({ severity: "warning", message: "`apps` is empty", ...appsValue.pos, key: "apps" });

  const apps: EcosystemApp[] = [];
  const firstByName = new Map<string, number>();
  appsValue.items.forEach((item, index) => {
    const app = validateApp(item, index, findings);
    if (!app) return;
    const first = firstByName.get(app.name);
    if (first !== undefined) {
      findings.push({
        severity: "error",
        message: `duplicate app name "${app.name}" (first defined at line ${first}); names must be unique`,
        ...(nameEntryOf(item)?.pos ?? item.pos),
        key: `apps[${index}].name`,
      });
    } else firstByName.set(app.name, app.line ?? 0);
    apps.push(app);
  });
  return apps;
}

function nameEntryOf(item: Value): Entry | undefined {
  return item.kind === "object" ? item.entries.findLast((e) => e.key === "name") : undefined;
}

function validateApp(item: Value, index: number, findings: EcosystemFinding[]): EcosystemApp | undefined {
  const path = `apps[${index}]`;
  if (item.kind === "dynamic") return undefined;
  if (item.kind !== "object") {
    findings.push({
      severity: "error",
      message: `${path} must be an object describing one app`,
      ...item.pos,
      key: path,
    });
    return undefined;
  }
  const byKey = new Map<string, Entry>();
  for (const entry of item.entries) {
    if (byKey.has(entry.key)) {
      findings.push({
        severity: "warning",
        message: `duplicate key "${entry.key}"; the last one wins`,
        ...entry.pos,
        key: `${path}.${entry.key}`,
      });
    }
    byKey.set(entry.key, entry);
  }
  const report = (severity: EcosystemFinding["severity"], message: string, entry?: Entry): void => {
    findings.push({ severity, message, ...(entry ? entry.pos : item.pos), key: entry ? `${path}.${entry.key}` : path });
  };

  const scriptEntry = byKey.get("script") ?? byKey.get("exec");
  const script = stringOf(scriptEntry, report, "a path");
  const nameEntry = byKey.get("name");
  let name =
    stringOf(nameEntry, report, "a string") ??
    (nameEntry?.value.kind === "scalar" && typeof nameEntry.value.value === "number"
      ? String(nameEntry.value.value)
      : undefined);
  const label = (): string => (name ? `app "${name}"` : path);

  if (!scriptEntry) report("error", `${label()} has no \`script\`; PM2 cannot start it`);
  if (!nameEntry) {
    const derived = script
      ? script
          .split(/[\\/]/)
          .pop()
          ?.replace(/\.[^.]+$/, "")
      : undefined;
    report("warning", `${path} has no \`name\`; PM2 names it after its script${derived ? ` ("${derived}")` : ""}`);
    name = derived;
  }

  const app: EcosystemApp = { name: name ?? path, envKeys: [], line: item.pos.line };
  if (script !== undefined) app.script = script;
  const cwd = stringOf(byKey.get("cwd"), report, "a path");
  if (cwd !== undefined) app.cwd = cwd;

  for (const entry of item.entries) {
    if (!PM2_APP_KEYS.has(entry.key) && !entry.key.startsWith("env_")) {
      const near = closestKey(entry.key);
      report(
        "warning",
        `unknown key "${entry.key}" in ${label()}; PM2 ignores it${near ? ` (did you mean "${near}"?)` : ""}`,
        entry,
      );
    }
    if (entry.key === "env" || entry.key.startsWith("env_")) {
      if (entry.value.kind === "object") {
        for (const variable of entry.value.entries)
          if (!app.envKeys.includes(variable.key)) app.envKeys.push(variable.key);
      } else if (entry.value.kind !== "dynamic") {
        report("error", `\`${entry.key}\` in ${label()} must be an object of variables`, entry);
      }
    }
  }

  const instances = byKey.get("instances");
  if (instances && instances.value.kind === "scalar") {
    const v = instances.value.value;
    if (v === "max") app.instances = "max";
    else if (typeof v === "number" && Number.isInteger(v)) app.instances = v;
    else report("error", `instances ${quote(v)} in ${label()} must be a whole number, -1 or "max"`, instances);
  } else if (instances && instances.value.kind !== "dynamic") {
    report("error", `instances in ${label()} must be a whole number, -1 or "max"`, instances);
  }

  const execMode = byKey.get("exec_mode");
  if (execMode && execMode.value.kind !== "dynamic") {
    const v = execMode.value.kind === "scalar" ? execMode.value.value : undefined;
    const m = typeof v === "string" ? /^(cluster|fork)(?:_mode)?$/.exec(v) : null;
    if (m) app.execMode = m[1] === "cluster" ? "cluster" : "fork";
    else report("error", `exec_mode ${quote(v)} in ${label()} must be "fork" or "cluster"`, execMode);
  }
  const many = app.instances === "max" || (typeof app.instances === "number" && app.instances !== 1);
  if (many && app.execMode === "fork") {
    report(
      "warning",
      `${label()} asks for ${app.instances === "max" ? "max" : app.instances} instances in fork mode: they run as separate processes that cannot share a port; use exec_mode "cluster"`,
      execMode,
    );
  }
  const interpreter = byKey.get("interpreter") ?? byKey.get("exec_interpreter");
  const interpreterName = interpreter?.value.kind === "scalar" ? interpreter.value.value : undefined;
  if (
    app.execMode === "cluster" &&
    typeof interpreterName === "string" &&
    !/(^|[\\/])(node|nodejs|bun|none)$/.test(interpreterName)
  ) {
    report(
      "warning",
      `${label()} runs in cluster mode with the interpreter ${quote(interpreterName)}; cluster mode works only for Node.js apps`,
      interpreter,
    );
  }

  const memory = byKey.get("max_memory_restart");
  if (memory && memory.value.kind === "scalar") {
    const v = memory.value.value;
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) app.maxMemoryRestart = String(v);
    else if (typeof v === "string" && MAX_MEMORY.test(v)) app.maxMemoryRestart = v;
    else
      report(
        "error",
        `max_memory_restart ${quote(v)} in ${label()} is not a size PM2 reads; use bytes or a whole number with K, M or G (150M, 1G, 500K)`,
        memory,
      );
  } else if (memory && memory.value.kind !== "dynamic") {
    report("error", `max_memory_restart in ${label()} must be a size such as 150M`, memory);
  }

  const cron = byKey.get("cron_restart") ?? byKey.get("cron");
  if (cron && cron.value.kind === "scalar") {
    const v = cron.value.value;
    const problem = typeof v === "string" ? cronProblem(v) : "it must be a string";
    if (problem)
      report("error", `cron_restart ${quote(v)} in ${label()} is not a valid cron pattern: ${problem}`, cron);
    else if (typeof v === "string") app.cronRestart = v.trim();
  } else if (cron && cron.value.kind !== "dynamic") {
    report("error", `cron_restart in ${label()} must be a cron pattern string`, cron);
  }

  for (const key of BOOLEAN_KEYS) {
    const entry = byKey.get(key);
    if (
      entry &&
      entry.value.kind !== "dynamic" &&
      !(entry.value.kind === "scalar" && typeof entry.value.value === "boolean")
    ) {
      report("warning", `${key} in ${label()} should be true or false`, entry);
    }
  }
  return app;
}

function stringOf(
  entry: Entry | undefined,
  report: (severity: EcosystemFinding["severity"], message: string, entry?: Entry) => void,
  what: string,
): string | undefined {
  if (!entry || entry.value.kind === "dynamic") return undefined;
  if (entry.value.kind === "scalar" && typeof entry.value.value === "string" && entry.value.value.trim() !== "")
    return entry.value.value;
  if (entry.key === "name" && entry.value.kind === "scalar" && typeof entry.value.value === "number") return undefined;
  report(
    "error",
    `\`${entry.key}\` must be ${what}, not ${entry.value.kind === "scalar" ? quote(entry.value.value) : `an ${entry.value.kind}`}`,
    entry,
  );
  return undefined;
}

/** The documented key within two edits of a misspelt one, for a "did you mean" hint. */
function closestKey(key: string): string | undefined {
  return closestMatch(key, PM2_APP_KEYS, 2, (t) => t.toLowerCase());
}

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

// ---------- cron ----------

const CRON_NICKNAMES = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly"]);
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const FIELDS: { name: string; min: number; max: number; names?: string[]; nameBase?: number }[] = [
  { name: "second", min: 0, max: 59 },
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: "day of week", min: 0, max: 7, names: DAYS, nameBase: 0 },
];

/** Why a 5- or 6-field cron pattern (as PM2's croner reads them) is invalid, or undefined when it is valid. */
export function cronProblem(pattern: string): string | undefined {
  const text = pattern.trim();
  if (text.startsWith("@"))
    return CRON_NICKNAMES.has(text.toLowerCase()) ? undefined : `unknown nickname ${quote(text)}`;
  const parts = text.split(/\s+/).filter((p) => p !== "");
  if (parts.length !== 5 && parts.length !== 6)
    return `it has ${parts.length} fields; use 5 (minute hour day month weekday) or 6 (with seconds first)`;
  const fields = parts.length === 6 ? FIELDS : FIELDS.slice(1);
  for (let i = 0; i < parts.length; i += 1) {
    const problem = cronFieldProblem(parts[i], fields[i]);
    if (problem) return `${fields[i].name} field ${quote(parts[i])}: ${problem}`;
  }
  return undefined;
}

function cronFieldProblem(field: string, spec: (typeof FIELDS)[number]): string | undefined {
  for (const part of field.split(",")) {
    if (part === "") return "empty list item";
    if (spec.name === "day of month" && /^(L|LW|\d{1,2}W)$/i.test(part)) continue;
    if (spec.name === "day of week" && /^(L|[0-7]L|[0-7]#[1-5])$/i.test(part)) continue;
    const [base, step, extra] = part.split("/");
    if (extra !== undefined) return "more than one /";
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `step ${quote(step)} must be a positive whole number`;
    if (base === "*" || (base === "?" && (spec.name === "day of month" || spec.name === "day of week"))) continue;
    const range = base.split("-");
    if (range.length > 2) return `bad range ${quote(base)}`;
    const values: number[] = [];
    for (const token of range) {
      const value = cronValue(token, spec);
      if (value === undefined)
        return `${quote(token)} is not a valid ${spec.name} (${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : ""})`;
      values.push(value);
    }
    if (values.length === 2 && values[0] > values[1]) return `range ${quote(base)} runs backwards`;
  }
  return undefined;
}

function cronValue(token: string, spec: (typeof FIELDS)[number]): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= 0 ? index + (spec.nameBase ?? 0) : undefined;
}

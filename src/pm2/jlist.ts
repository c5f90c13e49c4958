/**
 * Reading `pm2 jlist` output and redacting `pm2 jlist` / `dump.pm2` for backups.
 * Both carry every environment variable of every app: parsing keeps names only, never values.
 */
import { REDACTED, Redactor, looksSecretKey, redactEnvBlock } from "../common/redact.js";
import { PM2_OPTION_KEYS, PM2_RUNTIME_FIELDS } from "./pm2-keys.js";

export interface Pm2App {
  name: string;
  pmId: number;
  pid?: number;
  status: string;
  restarts: number;
  unstableRestarts: number;
  uptimeMs?: number;
  startedAt?: number;
  memoryBytes?: number;
  cpuPercent?: number;
  execMode?: string;
  instances?: number;
  errorLogPath?: string;
  outLogPath?: string;
  script?: string;
  cwd?: string;
  envKeys: string[];
}

export type JlistParse = { ok: true; apps: Pm2App[]; notes: string[] } | { ok: false; error: string };

/**
 * Fields PM2 itself puts in `pm2_env` (app options from PM2's schema plus runtime state).
 * Anything else in `pm2_env` is an environment variable PM2 merged in, and is treated as secret.
 */
export const KNOWN_PM2_ENV_FIELDS: ReadonlySet<string> = new Set([...PM2_OPTION_KEYS, ...PM2_RUNTIME_FIELDS]);

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const NOTE_MAX = 200;
const PREFIX_MAX = 40;

/**
 * Parses what `pm2 jlist` printed. Text around the JSON array (daemon banners, the
 * "In-memory PM2 is out-of-date" warning, which PM2 prints asynchronously before or after) is
 * skipped and recorded in notes. Entries that are not apps (no name, no pm2_env) are skipped with
 * a note while the rest still count; if every entry is bad the whole output is an error.
 */
export function parseJlist(text: string, now: number = Date.now(), redactor: Redactor = new Redactor()): JlistParse {
  const clean = text.replace(ANSI, "");
  if (clean.trim() === "") return { ok: false, error: "pm2 jlist printed nothing" };
  const found = locateJsonArray(clean);
  if (!found.ok) return { ok: false, error: found.error(redactor) };

  const notes = found.skipped.map((line) =>
    line.includes('"')
      ? "skipped an output line holding JSON (not quoted: it may hold env values)"
      : `skipped output line: ${maskLine(line, redactor, NOTE_MAX)}`,
  );
  const apps: Pm2App[] = [];
  found.value.forEach((entry, index) => {
    const app = readApp(entry, now);
    if (typeof app === "string") notes.push(`skipped jlist entry #${index}: ${app}`);
    else apps.push(app);
  });
  if (apps.length === 0 && found.value.length > 0) {
    return {
      ok: false,
      error: `pm2 jlist printed ${found.value.length} entries and none is a PM2 app (${notes.at(-1)})`,
    };
  }
  return { ok: true, apps, notes };
}

/** The jlist JSON with every environment value replaced; throws on anything but a JSON array. */
export function redactJlistForBackup(text: string, redactor: Redactor): string {
  const found = locateJsonArray(text.replace(ANSI, ""));
  if (!found.ok) throw new Error(`cannot redact pm2 jlist output: ${found.error(redactor)}`);
  const redacted = found.value.map((entry) => {
    if (!isRecord(entry)) return redactor.redactData(entry);
    const local = secretValuesOf(isRecord(entry.pm2_env) ? entry.pm2_env : {});
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry)) {
      out[key] =
        key === "pm2_env" && isRecord(value)
          ? redactAppEnv(value, redactor, local)
          : scrub(key, value, redactor, local);
    }
    return out;
  });
  return JSON.stringify(redacted, null, 2) + "\n";
}

/** `dump.pm2` (what `pm2 save` writes: an array of app definitions) with every environment value replaced. */
export function redactDumpForBackup(text: string, redactor: Redactor): string {
  const data = parseJsonOrUndefined(text);
  // JSON.parse quotes the input in its message, and the input holds secrets: only the kind of failure is told.
  if (data === undefined) throw new Error("cannot redact dump.pm2: not valid JSON (syntax error)");
  if (!Array.isArray(data))
    throw new Error(`cannot redact dump.pm2: expected a JSON array of apps, got ${describe(data)}`);
  const redacted = data.map((entry: unknown) =>
    isRecord(entry) ? redactAppEnv(entry, redactor, secretValuesOf(entry)) : redactor.redactData(entry),
  );
  return JSON.stringify(redacted, null, 2) + "\n";
}

/** Variables whose values are machine facts, not secrets; registering them would blank out paths everywhere. */
const PLAIN_ENV = new Set([
  "PATH",
  "HOME",
  "PWD",
  "OLDPWD",
  "SHELL",
  "LANG",
  "LC_ALL",
  "TERM",
  "USER",
  "LOGNAME",
  "HOSTNAME",
  "SHLVL",
  "_",
  "NODE_ENV",
  "PM2_HOME",
  "TZ",
]);

/**
 * Registers every environment value of every app in `pm2 jlist` (or `dump.pm2`) output with the
 * redactor, so log lines and messages quoting a secret under an innocent name are redacted too.
 * App names and the `readable` values (host names) are never registered: the report shows them anyway,
 * and a variable such as APP_NAME=api must not blank out the app's own result id.
 * Values never leave this function; returns how many apps were read. Unparsable text registers nothing.
 */
export function addEnvSecretsTo(redactor: Redactor, text: string, readable: Iterable<string> = []): number {
  const found = locateJsonArray(text.replace(ANSI, ""));
  if (!found.ok) return 0;
  const entries = found.value.filter(isRecord);
  const keep = new Set(readable);
  for (const entry of entries) {
    const env = isRecord(entry.pm2_env) ? entry.pm2_env : entry;
    const name = entry.name ?? env.name;
    if (typeof name === "string") keep.add(name);
  }
  const register = (key: string, value: unknown) => {
    if (typeof value !== "string" || PLAIN_ENV.has(key) || key === "unique_id" || keep.has(value)) return;
    if (/^(?:\d+|true|false|yes|no)$/i.test(value.trim())) return;
    redactor.addSecret(value);
  };
  for (const entry of entries) {
    for (const [key, value] of envVariables(isRecord(entry.pm2_env) ? entry.pm2_env : entry)) register(key, value);
  }
  return entries.length;
}

/** The environment variables of one app: its `env` / `env_*` blocks and what PM2 merged into `pm2_env` beside its own fields. */
function envVariables(env: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(env)) {
    if (key === "env" || key.startsWith("env_")) {
      if (isRecord(value)) out.push(...Object.entries(value));
    } else if (!KNOWN_PM2_ENV_FIELDS.has(key)) out.push([key, value]);
  }
  return out;
}

type Located = { ok: true; value: unknown[]; skipped: string[] } | { ok: false; error: (r: Redactor) => string };

/** Finds the JSON array among the lines PM2 printed: the first line-start `[` whose balanced text parses as an array. */
function locateJsonArray(text: string): Located {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);

  let truncated = false;
  let objectInstead = false;
  let parseFailed = false;
  for (const lineStart of lineStarts) {
    const start = skipBlanks(text, lineStart);
    const ch = text[start];
    if (ch !== "[" && ch !== "{") continue;
    const end = matchBracket(text, start);
    if (end === -1) {
      if (ch === "[" && /^\[\s*[{\]]/.test(text.slice(start, start + 64))) truncated = true;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end + 1));
    } catch (error) {
      // "[PM2] Spawning..." banners start with a bracket too; they are not the array, move on.
      if (!(error instanceof SyntaxError)) throw error;
      if (ch === "[" && text[skipBlanks(text, start + 1)] === "{") parseFailed = true;
      continue;
    }
    if (!Array.isArray(value)) {
      objectInstead = true;
      continue;
    }
    const skipped = [...text.slice(0, start).split("\n"), ...text.slice(end + 1).split("\n")]
      .map((l) => l.trim())
      .filter((l) => l !== "");
    return { ok: true, value, skipped };
  }
  const firstLine = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return {
    ok: false,
    error: (r) => {
      const begins = firstLine.includes('"')
        ? "its JSON is not quoted here, as it may hold env values"
        : `output begins: ${maskLine(firstLine, r, PREFIX_MAX)}`;
      if (truncated) return `pm2 jlist output is truncated: the JSON array never closes (${begins})`;
      if (parseFailed) return `pm2 jlist output is not valid JSON (${begins})`;
      if (objectInstead) return `pm2 jlist printed a JSON object, expected an array of apps (${begins})`;
      return `pm2 jlist output holds no JSON array (${begins})`;
    },
  };
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\r")) i += 1;
  return i;
}

/** Index of the bracket closing the one at `start`, honouring JSON strings; -1 if it never closes. */
function matchBracket(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) depth += 1;
    else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** A line of output without quotes, safe to show: redacted, `key=value` / `key: value` values masked, shortened. */
function maskLine(line: string, redactor: Redactor, max: number): string {
  const short = line.length > max * 4 ? line.slice(0, max * 4) : line;
  const masked = redactor.redact(short).replace(/([:=]\s*)(?!\*\*\*)([^\s,;}\]]+)/g, `$1${REDACTED}`);
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}

function readApp(entry: unknown, now: number): Pm2App | string {
  if (!isRecord(entry)) return `not an object (${describe(entry)})`;
  const env = entry.pm2_env;
  const rawName = entry.name ?? (isRecord(env) ? env.name : undefined);
  const pmIdRaw = entry.pm_id ?? (isRecord(env) ? env.pm_id : undefined);
  const pmId = typeof pmIdRaw === "number" && Number.isInteger(pmIdRaw) && pmIdRaw >= 0 ? pmIdRaw : undefined;
  const idText = pmId === undefined ? "" : ` (pm_id ${pmId})`;
  if (typeof rawName !== "string" && typeof rawName !== "number") return `no name${idText}`;
  const name = String(rawName);
  if (pmId === undefined) return `app ${JSON.stringify(name)} has no valid pm_id`;
  if (!isRecord(env)) return `app ${JSON.stringify(name)}${idText} has no pm2_env`;

  const monit = isRecord(entry.monit) ? entry.monit : {};
  const status = typeof env.status === "string" ? env.status : "unknown";
  const startedAt = num(env.pm_uptime);
  const execMode = str(env.exec_mode)?.replace(/_mode$/, "");
  const pid = num(entry.pid);
  const app: Pm2App = {
    name,
    pmId,
    status,
    restarts: num(env.restart_time) ?? 0,
    unstableRestarts: num(env.unstable_restarts) ?? 0,
    envKeys: isRecord(env.env)
      ? Object.keys(env.env).filter((k) => k !== "unique_id" && !isObjectLike(env.env, k))
      : [],
  };
  if (pid !== undefined && pid > 0) app.pid = pid;
  if (startedAt !== undefined) {
    app.startedAt = startedAt;
    if (status === "online") app.uptimeMs = Math.max(0, now - startedAt);
  }
  assignDefined(app, "memoryBytes", num(monit.memory));
  assignDefined(app, "cpuPercent", num(monit.cpu));
  assignDefined(app, "execMode", execMode);
  assignDefined(app, "instances", num(env.instances));
  assignDefined(app, "errorLogPath", str(env.pm_err_log_path));
  assignDefined(app, "outLogPath", str(env.pm_out_log_path));
  assignDefined(app, "script", str(env.pm_exec_path));
  assignDefined(app, "cwd", str(env.pm_cwd));
  return app;
}

function assignDefined<K extends keyof Pm2App>(app: Pm2App, key: K, value: Pm2App[K] | undefined): void {
  if (value !== undefined) app[key] = value;
}

/** Redacts one app's PM2 environment: env blocks and unknown (env var) keys lose their values. */
function redactAppEnv(env: Record<string, unknown>, redactor: Redactor, local: Redactor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key === "env" || key.startsWith("env_")) out[key] = isRecord(value) ? redactEnvBlock(value) : REDACTED;
    else if (KNOWN_PM2_ENV_FIELDS.has(key)) out[key] = scrub(key, value, redactor, local);
    else out[key] = REDACTED;
  }
  return out;
}

/** A known field's value through the caller's redactor and the app's own secret-looking env values. */
function scrub(key: string, value: unknown, redactor: Redactor, local: Redactor): unknown {
  const once = redactor.redactData({ [key]: value })[key];
  return local.size > 0 ? local.redactData({ [key]: once })[key] : once;
}

/** Values of secret-looking env variables, so a copy pasted into args or node_args is caught too. */
function secretValuesOf(env: Record<string, unknown>): Redactor {
  const local = new Redactor();
  for (const [k, v] of envVariables(env)) if (typeof v === "string" && looksSecretKey(k)) local.addSecret(v);
  return local;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isObjectLike(record: unknown, key: string): boolean {
  if (!isRecord(record)) return false;
  const v = record[key];
  return v !== null && typeof v === "object";
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

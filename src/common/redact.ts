/**
 * The one place secrets are removed from text and data before anything is logged, reported,
 * put in an issue, an artifact or the backup branch.
 */
export const REDACTED = "***";

/**
 * Words that make a key name secret when they are a whole word of it (DB_PASSWORD, apiToken,
 * x-auth-token), so "author", "authority" or "tokenizer" stay readable.
 */
const SECRET_WORDS = new Set([
  "secret",
  "secrets",
  "token",
  "tokens",
  "password",
  "passwords",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "apikey",
  "auth",
  "authorization",
  "credential",
  "credentials",
  "creds",
  "cookie",
  "cookies",
  "sessionid",
  "salt",
  "dsn",
  "webhook",
  "bearer",
  "jwt",
  "pat",
]);

/** Well-known variables that match a secret word but never hold one (the shell's working directory). */
const NOT_SECRET_KEYS = new Set(["PWD", "OLDPWD"]);

/** Two adjacent words that together name a secret (API_KEY, private-key, DATABASE_URL). */
const SECRET_PAIRS = new Set([
  "api key",
  "private key",
  "access key",
  "signing key",
  "encryption key",
  "master key",
  "ssh key",
  "deploy key",
  "database url",
  "db url",
  "connection string",
  "mongodb uri",
  "mongo uri",
  "mongo url",
  "redis url",
  "session key",
  "session id",
]);

/** Fragments that mark a key secret even inside one unseparated word (MYSQLPASSWORD, ghtoken). */
const SECRET_FRAGMENT = /password|passwd|secret|credential|passphrase|apikey|privatekey|accesskey|token(?!i[sz])/;

/** Values recognisable by their shape alone (GitHub, Netlify, Slack, AWS, JWT, PEM keys). */
const TOKEN_SHAPES: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\bnfp_[A-Za-z0-9]{20,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
];

/** user:password@ in URLs (database URLs, git remotes). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]+):([^\s@/]+)@/gi;

/** KEY=value, KEY: value, export KEY="value" where KEY looks secret; a bare value stops before \" (escaped JSON). */
const ENV_PAIR = /\b([A-Za-z_][A-Za-z0-9_.-]*)(\s*[=:]\s*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|(?:[^\s"'\\,;}]|\\(?!"))+)/g;

/** "key": "value" in JSON where the key looks secret. */
const JSON_PAIR = /("([^"\\\n]*)"\s*:\s*)("(?:[^"\\\n]|\\.)*"|-?\d[\d.eE+-]*|true|false)/g;

/**
 * \"key\": \"value\" in JSON stored inside a JSON string (a serialised env in `pm2 dump`):
 * inside the value, \\\\ is a backslash, \\\" a quote and \\n a control character.
 */
const ESCAPED_JSON_PAIR =
  /(\\"([A-Za-z0-9_.-]+)\\"\s*:\s*)(\\"(?:[^"\\]|\\\\\\\\|\\\\\\"|\\\\[bfnrtu/])*\\"|-?\d[\d.eE+-]*|true|false)/g;

/** HTTP credentials: the whole value of an Authorization header, and a bearer token anywhere. */
const AUTH_HEADER = /\b((?:proxy-)?authorization\s*[:=]\s*)(?:(?:bearer|basic|token|digest)\s+)?[^\s"',;]+/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/-]{8,}=*/g;

/** True when a variable or field name says its value is a secret. */
export function looksSecretKey(key: string): boolean {
  if (NOT_SECRET_KEYS.has(key)) return false;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  for (let i = 0; i < words.length; i++) {
    if (SECRET_WORDS.has(words[i])) return true;
    if (i + 1 < words.length && SECRET_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  }
  return SECRET_FRAGMENT.test(words.join(""));
}

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.addSecret(s);
  }

  /**
   * Registers a known secret value, with the forms it takes once quoted: JSON-escaped (once and
   * twice), shell-quoted for logs, URL-encoded, and each line of a multi-line value.
   * Values shorter than 4 characters are ignored to keep output readable.
   */
  addSecret(value: string | undefined): void {
    if (!value || value.trim().length < 4) return;
    const forms = [value, value.trim(), ...value.split(/\r?\n/).map((l) => l.trim())];
    const json = jsonEscape(value);
    forms.push(json, jsonEscape(json), value.replace(/'/g, `'\\''`), encodeURIComponent(value));
    for (const form of forms) {
      if (form.length >= 4) this.secrets.add(form);
    }
    this.pattern = undefined;
  }

  get size(): number {
    return this.secrets.size;
  }

  redact(text: string): string {
    if (!text) return text;
    let out = text;
    if (this.secrets.size > 0) {
      this.pattern ??= new RegExp(
        [...this.secrets]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join("|"),
        "g",
      );
      out = out.replace(this.pattern, REDACTED);
    }
    for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED);
    out = out.replace(URL_CREDENTIALS, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`);
    out = out.replace(JSON_PAIR, (m, head: string, key: string, value: string) =>
      looksSecretKey(key) && value !== `"${REDACTED}"` ? `${head}"${REDACTED}"` : m,
    );
    out = out.replace(ESCAPED_JSON_PAIR, (m, head: string, key: string) =>
      looksSecretKey(key) ? `${head}\\"${REDACTED}\\"` : m,
    );
    out = out.replace(AUTH_HEADER, (_m, head: string) => `${head}${REDACTED}`);
    out = out.replace(BEARER, (_m, head: string) => `${head}${REDACTED}`);
    return redactEnvPairs(out);
  }

  /** Deep copy of JSON-like data with secret-looking keys' values and known secrets redacted. */
  redactData<T>(data: T): T {
    return this.walk(data, undefined) as T;
  }

  private walk(value: unknown, key: string | undefined): unknown {
    if (typeof value === "string") {
      return key !== undefined && looksSecretKey(key) ? REDACTED : this.redact(value);
    }
    if (typeof value === "number" && this.secrets.has(String(value))) return REDACTED;
    if (Array.isArray(value)) return value.map((v) => this.walk(v, undefined));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = looksSecretKey(k) && v !== null && typeof v !== "object" ? REDACTED : this.walk(v, k);
      }
      return out;
    }
    return value;
  }
}

/**
 * Replaces every value of an environment block (PM2 `env`, `env_production`, process env),
 * keeping the names so a reader still sees which variables were set.
 */
export function redactEnvBlock(env: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(env)) out[key] = REDACTED;
  return out;
}

function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** KEY=value pairs; a value that is itself `KEY=value` ("Error: DB_PASSWORD=x") is examined in turn. */
function redactEnvPairs(text: string): string {
  return text.replace(ENV_PAIR, (m, key: string, sep: string, value: string) => {
    if (value === REDACTED || value.startsWith('"' + REDACTED)) return m;
    if (looksSecretKey(key)) return `${key}${sep}${REDACTED}`;
    const inner = redactEnvPairs(value);
    return inner === value ? m : `${key}${sep}${inner}`;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

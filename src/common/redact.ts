/**
 * The one place secrets are removed from text and data before anything is logged, reported,
 * put in an issue, an artifact or the backup branch.
 */
export const REDACTED = "***";

/** Key names whose values are treated as secret wherever they appear as KEY=value or "key": value. */
const SECRET_KEY =
  /(?:secret|token|passw(?:or)?d|passwd|\bpwd|api[_-]?key|apikey|private[_-]?key|access[_-]?key|credential|auth|session|cookie|signature|salt|dsn|database[_-]?url|connection[_-]?string|webhook)/i;

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

/** KEY=value, KEY: value, export KEY="value" where KEY looks secret. */
const ENV_PAIR = /\b([A-Za-z_][A-Za-z0-9_.-]*)(\s*[=:]\s*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"',;}]+)/g;

/** "key": "value" in JSON where the key looks secret. */
const JSON_PAIR = /("([^"\\\n]*)"\s*:\s*)("(?:[^"\\\n]|\\.)*"|-?\d[\d.eE+-]*|true|false)/g;

export function looksSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(secrets: Iterable<string> = []) {
    for (const s of secrets) this.addSecret(s);
  }

  /** Registers a known secret value; very short values are ignored to keep output readable. */
  addSecret(value: string | undefined): void {
    if (!value) return;
    const forms = [value, value.trim(), ...value.split(/\r?\n/).map((l) => l.trim())];
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
    out = out.replace(ENV_PAIR, (m, key: string, sep: string, value: string) => {
      if (!looksSecretKey(key) || value === REDACTED || value.startsWith('"' + REDACTED)) return m;
      return `${key}${sep}${REDACTED}`;
    });
    return out;
  }

  /** Deep copy of JSON-like data with secret-looking keys' values and known secrets redacted. */
  redactData<T>(data: T): T {
    return this.walk(data, undefined) as T;
  }

  private walk(value: unknown, key: string | undefined): unknown {
    if (typeof value === "string") {
      return key !== undefined && looksSecretKey(key) ? REDACTED : this.redact(value);
    }
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { REDACTED, redactEnvBlock, type Redactor } from "../common/redact.js";
import { isConfigurationError } from "../common/errors.js";
import { parseEcosystem, type EcosystemParse } from "./ecosystem.js";
import { redactDumpForBackup } from "./jlist.js";

/** A file for the backup issue: where it goes under the backup root, and its redacted content. */
export interface BackupEntry {
  path: string;
  content: string;
}

export interface ExpectedApps {
  names: string[];
  notes: string[];
  backup: BackupEntry[];
  /** Error-level findings of the file; a file pm2 cannot read at all counts as one. */
  errors: number;
}

/**
 * Reads an ecosystem file fetched from a host: the app names it declares (expected to run),
 * its validation findings, and a copy with every environment value redacted for the backup.
 */
export function readExpectedApps(path: string, text: string, redactor: Redactor): ExpectedApps {
  const notes: string[] = [];
  let parsed: EcosystemParse;
  try {
    parsed = parseEcosystem(path, text);
  } catch (error) {
    if (!isConfigurationError(error)) throw error;
    return { names: [], notes: [redactor.redact(error.message)], backup: [], errors: 1 };
  }
  const names = parsed.apps.map((a) => a.name).filter((n) => n !== "");
  for (const f of parsed.findings) {
    notes.push(`${path}${f.line ? `:${f.line}` : ""}: ${f.severity}: ${redactor.redact(f.message)}`);
  }
  const copy = redactedBackupEntries(path, text, redactor);
  notes.push(...copy.notes);
  const errors = parsed.findings.filter((f) => f.severity === "error").length;
  return { names, notes, backup: copy.backup, errors };
}

/** A host file's backup copy: JSON or YAML with env values replaced, or nothing (and a note) when it cannot be redacted. */
export function redactedBackupEntries(
  path: string,
  text: string,
  redactor: Redactor,
): { backup: BackupEntry[]; notes: string[] } {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (base === "dump.pm2") {
    try {
      return { backup: [{ path: "dump.pm2.json", content: redactDumpForBackup(text, redactor) }], notes: [] };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      return { backup: [], notes: [`dump.pm2 left out of the backup: ${error.message}`] };
    }
  }
  if (/\.json$/i.test(base) || /\.ya?ml$/i.test(base)) {
    const yaml = !/\.json$/i.test(base);
    let data: unknown;
    try {
      data = yaml ? parseYaml(text) : JSON.parse(text);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      // Parser messages quote the input, and the input holds secrets: name the failure only.
      return { backup: [], notes: [`${base} left out of the backup: not valid ${yaml ? "YAML" : "JSON"}`] };
    }
    const redacted = redactEcosystemData(data, redactor);
    const content = yaml ? stringifyYaml(redacted) : JSON.stringify(redacted, null, 2) + "\n";
    return { backup: [{ path: base, content }], notes: [] };
  }
  return {
    backup: [],
    notes: [`${base} left out of the backup: only JSON or YAML ecosystem files can be redacted without running them`],
  };
}

/** Every `env` / `env_*` block loses its values, whatever its depth; the rest passes the redactor. */
export function redactEcosystemData(data: unknown, redactor: Redactor): unknown {
  if (Array.isArray(data)) return data.map((v) => redactEcosystemData(v, redactor));
  if (data !== null && typeof data === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      if (key === "env" || key.startsWith("env_")) {
        out[key] =
          value !== null && typeof value === "object" && !Array.isArray(value) ? redactEnvBlock(value) : REDACTED;
      } else {
        out[key] = redactEcosystemData(redactor.redactData({ [key]: value })[key], redactor);
      }
    }
    return out;
  }
  return typeof data === "string" ? redactor.redact(data) : data;
}

/** A host or file name made safe as one path segment of the backup tree. */
export function safeSegment(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, "_");
  return cleaned === "" || /^\.+$/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** Writes backup entries under `dir` (paths are relative and already made of safe segments). */
export function writeBackupEntries(dir: string, entries: readonly BackupEntry[]): string[] {
  const written: string[] = [];
  for (const entry of entries) {
    const target = join(dir, ...entry.path.split("/").map(safeSegment));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.content, { mode: 0o600 });
    written.push(target);
  }
  return written;
}

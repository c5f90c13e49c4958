/** A directory of fetched action metadata, one JSON file per `owner/repo[/path]@ref`. */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ActionMetadata } from "../rule.js";

/** What a cache answers: metadata, `null` for "known to have no action.yml", undefined for "not cached". */
export interface MetadataCache {
  get(key: string): ActionMetadata | null | undefined;
  set(key: string, value: ActionMetadata | null): void;
}

interface CacheEntry {
  key: string;
  fetchedAt: number;
  metadata: ActionMetadata | null;
}

export interface DiskCacheOptions {
  /** Entries for refs that can move (tags, branches) expire after this; commit SHAs never do. Default 7 days. */
  maxAgeMs?: number;
  now?: () => number;
}

const FULL_SHA = /@[0-9a-f]{40}$/;

function isEntry(value: unknown, key: string): value is CacheEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Partial<CacheEntry>;
  return (
    entry.key === key &&
    typeof entry.fetchedAt === "number" &&
    (entry.metadata === null || typeof entry.metadata === "object")
  );
}

/** `$XDG_CACHE_HOME/redundancy/action-metadata`, else `~/.cache/redundancy/action-metadata`. */
export function defaultMetadataCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME !== "" ? env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return join(base, "redundancy", "action-metadata");
}

export class DiskMetadataCache implements MetadataCache {
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    readonly dir: string,
    options: DiskCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 7 * 24 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  private fileFor(key: string): string {
    return join(this.dir, `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`);
  }

  get(key: string): ActionMetadata | null | undefined {
    let text: string;
    try {
      text = readFileSync(this.fileFor(key), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      if (error instanceof SyntaxError) return undefined; // a torn write: fetch again
      throw error;
    }
    if (!isEntry(parsed, key)) return undefined;
    if (!FULL_SHA.test(key) && this.now() - parsed.fetchedAt > this.maxAgeMs) return undefined;
    return parsed.metadata;
  }

  set(key: string, value: ActionMetadata | null): void {
    mkdirSync(this.dir, { recursive: true });
    const file = this.fileFor(key);
    const entry: CacheEntry = { key, fetchedAt: this.now(), metadata: value };
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(entry));
    renameSync(temp, file);
  }
}

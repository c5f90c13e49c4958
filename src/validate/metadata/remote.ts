/**
 * Remote action metadata for the `Lookups.actionMetadata` of the engine: the exact ref fetched from
 * the API (when a token is given and `prefetch` ran), else the bundled data set, else unknown.
 */
import { errorMessage, isConfigurationError } from "../../common/errors.js";
import type { Logger } from "../../common/logger.js";
import type { ActionMetadata } from "../rule.js";
import { DiskMetadataCache, type MetadataCache } from "./disk-cache.js";
import { fetchActionMetadata } from "./fetch.js";
import { parseRemoteUses, remoteActionMetadata } from "./popular.js";

export interface RemoteMetadataOptions {
  /** GitHub token; without it nothing is fetched and only the bundled data set answers. */
  token?: string;
  baseUrl?: string;
  /** Directory of the on-disk cache (see defaultMetadataCacheDir); none = no disk cache. */
  cacheDir?: string;
  cache?: MetadataCache;
  logger?: Logger;
  fetch?: typeof globalThis.fetch;
}

/** The remote `uses:` values of workflow or action texts (steps and reusable-workflow jobs skipped). */
export function collectRemoteUses(texts: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(/^[ \t-]*uses:[ \t]*["']?([^"'\s#]+)/gm)) {
      const uses = match[1] ?? "";
      if (parseRemoteUses(uses) && !uses.includes("/.github/workflows/")) found.add(uses);
    }
  }
  return [...found].sort();
}

export class RemoteActionMetadata {
  private readonly fetched = new Map<string, ActionMetadata | undefined>();
  private readonly cache: MetadataCache | undefined;

  constructor(private readonly options: RemoteMetadataOptions = {}) {
    this.cache = options.cache ?? (options.cacheDir ? new DiskMetadataCache(options.cacheDir) : undefined);
  }

  /** Fetches what the bundled data set does not know; failures are logged and leave the action unknown. */
  async prefetch(uses: Iterable<string>): Promise<void> {
    if (!this.options.token) return;
    for (const value of uses) {
      if (this.fetched.has(value) || remoteActionMetadata(value)) continue;
      try {
        this.fetched.set(
          value,
          await fetchActionMetadata(value, this.options.token, {
            ...(this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {}),
            ...(this.cache ? { cache: this.cache } : {}),
            ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
          }),
        );
      } catch (error) {
        if (isConfigurationError(error)) throw error;
        this.options.logger?.warning(
          `could not fetch the inputs of ${value}; its with: keys are not checked (${errorMessage(error)})`,
        );
        this.fetched.set(value, undefined);
      }
    }
  }

  /** Synchronous lookup for the rules: fetched exact ref first, then the bundled data set. */
  lookup(uses: string): ActionMetadata | undefined {
    return this.fetched.get(uses) ?? remoteActionMetadata(uses);
  }
}

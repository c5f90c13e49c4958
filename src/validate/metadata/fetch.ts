/**
 * Fetches an action's action.yml at a ref from the GitHub contents API
 * (`GET /repos/{owner}/{repo}/contents/{path}?ref=`), caching the parsed metadata.
 */
import { ConfigurationError } from "../../common/errors.js";
import { actionMetadataFromText } from "../lookups-local.js";
import type { ActionMetadata } from "../rule.js";
import type { MetadataCache } from "./disk-cache.js";
import { parseRemoteUses } from "./popular.js";

export interface FetchMetadataOptions {
  /** API root; default https://api.github.com (GHES: https://HOST/api/v3). */
  baseUrl?: string;
  cache?: MetadataCache;
  fetch?: typeof globalThis.fetch;
}

/** The contents API failed for a reason other than "no such file" (network, 5xx, rate limit). */
export class MetadataFetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "MetadataFetchError";
  }
}

interface ContentFile {
  type: string;
  encoding: string;
  content: string;
}

function isContentFile(value: unknown): value is ContentFile {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === "string" && typeof v.encoding === "string" && typeof v.content === "string";
}

async function getFile(
  url: string,
  token: string | undefined,
  doFetch: typeof globalThis.fetch,
): Promise<string | undefined> {
  const headers: Record<string, string> = {
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    "user-agent": "redundancy-validate",
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await doFetch(url, { headers });
  } catch (error) {
    throw new MetadataFetchError(`${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.status === 401) {
    await response.body?.cancel();
    throw new ConfigurationError("the GitHub token was refused (401) while fetching action metadata", { key: "token" });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new MetadataFetchError(`${url}: HTTP ${response.status}`, response.status);
  }
  const body: unknown = await response.json();
  if (!isContentFile(body) || body.type !== "file") return undefined;
  if (body.encoding !== "base64") throw new MetadataFetchError(`${url}: unexpected encoding "${body.encoding}"`);
  return Buffer.from(body.content, "base64").toString("utf8");
}

/**
 * Metadata of `owner/repo[/path]@ref` read from its action.yml (then action.yaml) at that ref.
 * Undefined when the reference is not a remote action or has no readable action file; throws
 * MetadataFetchError when the API cannot answer, so callers never mistake an outage for "no inputs".
 */
export async function fetchActionMetadata(
  uses: string,
  token: string | undefined,
  options: FetchMetadataOptions = {},
): Promise<ActionMetadata | undefined> {
  const parsed = parseRemoteUses(uses);
  if (!parsed) return undefined;
  const key = `${parsed.action.toLowerCase()}@${parsed.ref}`;
  const cached = options.cache?.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const base = (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;
  let metadata: ActionMetadata | undefined;
  for (const name of ["action.yml", "action.yaml"]) {
    const filePath = [...parsed.path.split("/"), name]
      .filter((p) => p !== "")
      .map(encodeURIComponent)
      .join("/");
    const url = `${base}/repos/${encodeURIComponent(parsed.owner)}/${encodeURIComponent(parsed.repo)}/contents/${filePath}?ref=${encodeURIComponent(parsed.ref)}`;
    const text = await getFile(url, token, doFetch);
    if (text === undefined) continue;
    metadata = actionMetadataFromText(text);
    break;
  }
  options.cache?.set(key, metadata ?? null);
  return metadata;
}

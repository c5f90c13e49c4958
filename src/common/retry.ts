/** Retrying with exponential backoff, for transient failures only (5xx, 429, timeouts, resets). */

export interface RetryAttempt {
  /** The attempt that just failed, from 1. */
  attempt: number;
  /** What it threw, or undefined when its result was judged retryable. */
  error: unknown;
  /** How long the next wait is. */
  delayMs: number;
}

export interface RetryOptions<T = unknown> {
  /** Total tries including the first; default 3. */
  attempts?: number;
  /** Wait before the second try; default 1000. */
  baseDelayMs?: number;
  /** Cap on any single wait; default 30000. */
  maxDelayMs?: number;
  /** Growth of the wait per try; default 2. */
  factor?: number;
  /** Randomise each wait to between half and all of it; off by default so runs are reproducible. */
  jitter?: boolean;
  /** Random source for jitter, in [0, 1). */
  random?: () => number;
  /** Which errors are worth another try; default isTransientError. Others are thrown at once. */
  isTransient?: (error: unknown) => boolean;
  /** A result that should be tried again (an HTTP 503 response, say); the last one is returned when tries run out. */
  retryResult?: (value: T) => boolean;
  /** How to wait; tests pass one that records and returns at once. */
  wait?: (ms: number) => Promise<void>;
  onRetry?: (info: RetryAttempt) => void;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait after failed attempt `attempt` (1-based), before jitter. */
export function backoffDelay(attempt: number, baseDelayMs: number, factor: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, Math.round(baseDelayMs * factor ** (attempt - 1)));
}

/** Calls fn until it succeeds, a non-transient error is thrown, or the attempts are used up. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions<T> = {}): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 3));
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const factor = options.factor ?? 2;
  const isTransient = options.isTransient ?? isTransientError;
  const wait = options.wait ?? sleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    let error: unknown;
    let failed = false;
    try {
      const value = await fn(attempt);
      if (attempt >= attempts || !options.retryResult?.(value)) return value;
    } catch (caught) {
      if (attempt >= attempts || !isTransient(caught)) throw caught;
      error = caught;
      failed = true;
    }
    let delayMs = backoffDelay(attempt, baseDelayMs, factor, maxDelayMs);
    if (options.jitter) delayMs = Math.round(delayMs / 2 + (random() * delayMs) / 2);
    options.onRetry?.({ attempt, error: failed ? error : undefined, delayMs });
    await wait(delayMs);
  }
}

/** 408 Request Timeout, 429 Too Many Requests and every 5xx are worth another try. */
export function isTransientHttpStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ETIMEDOUT",
  "ECONNREFUSED",
  "EAI_AGAIN",
  "EPIPE",
  "ECONNABORTED",
  "ENETUNREACH",
  "EHOSTUNREACH",
  // undici (fetch) names for a dropped socket and a connect timeout
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * A dropped or refused connection, a DNS hiccup or a timeout, looking through `cause` chains and
 * AggregateErrors (fetch wraps the socket error; happy-eyeballs connects aggregate per address).
 */
export function isTransientNetworkError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const e = queue.shift();
    if (e === null || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const code = "code" in e ? e.code : undefined;
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    // Duck-typed, not instanceof: errors from node's own modules may come from another realm (vm, jest).
    if ("name" in e && e.name === "TimeoutError") return true;
    if ("message" in e && typeof e.message === "string" && /socket hang up/i.test(e.message)) return true;
    if ("cause" in e) queue.push(e.cause);
    if ("errors" in e && Array.isArray(e.errors)) queue.push(...e.errors);
  }
  return false;
}

/** The HTTP status an error carries (Octokit's RequestError, our own HTTP errors), if any. */
export function errorHttpStatus(error: unknown): number | undefined {
  if (error === null || typeof error !== "object") return undefined;
  if ("status" in error && typeof error.status === "number") return error.status;
  if ("statusCode" in error && typeof error.statusCode === "number") return error.statusCode;
  if ("response" in error) {
    const response = error.response;
    if (
      response !== null &&
      typeof response === "object" &&
      "status" in response &&
      typeof response.status === "number"
    )
      return response.status;
  }
  return undefined;
}

/** The default test: a transient network error or an HTTP error with a transient status. */
export function isTransientError(error: unknown): boolean {
  const status = errorHttpStatus(error);
  if (status !== undefined) return isTransientHttpStatus(status);
  return isTransientNetworkError(error);
}

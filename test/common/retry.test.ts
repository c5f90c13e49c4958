import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  backoffDelay,
  errorHttpStatus,
  isTransientError,
  isTransientHttpStatus,
  isTransientNetworkError,
  retry,
  type RetryAttempt,
} from "../../src/common/retry.js";

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

function codeError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

function recorder() {
  const waits: number[] = [];
  return { waits, wait: async (ms: number) => void waits.push(ms) };
}

describe("retry", () => {
  test("returns the first success without waiting", async () => {
    const { waits, wait } = recorder();
    let calls = 0;
    const value = await retry(async () => ++calls, { wait });
    expect(value).toBe(1);
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  test("retries transient errors with exponential backoff and succeeds", async () => {
    const { waits, wait } = recorder();
    const seen: RetryAttempt[] = [];
    const value = await retry(
      async (attempt) => {
        if (attempt < 4) throw new HttpError(503);
        return `ok on ${attempt}`;
      },
      { attempts: 5, baseDelayMs: 100, factor: 3, maxDelayMs: 10_000, wait, onRetry: (i) => seen.push(i) },
    );
    expect(value).toBe("ok on 4");
    expect(waits).toEqual([100, 300, 900]);
    expect(seen.map((s) => [s.attempt, s.delayMs])).toEqual([
      [1, 100],
      [2, 300],
      [3, 900],
    ]);
    expect(seen[0].error).toBeInstanceOf(HttpError);
  });

  test("caps each wait at maxDelayMs", async () => {
    const { waits, wait } = recorder();
    await expect(
      retry(
        async () => {
          throw new HttpError(500);
        },
        { attempts: 5, baseDelayMs: 1000, maxDelayMs: 2500, wait },
      ),
    ).rejects.toThrow("HTTP 500");
    expect(waits).toEqual([1000, 2000, 2500, 2500]);
  });

  test("gives up after `attempts` tries and throws the last error", async () => {
    const { waits, wait } = recorder();
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls += 1;
          throw codeError("ECONNRESET");
        },
        { attempts: 3, baseDelayMs: 10, wait },
      ),
    ).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 20]);
  });

  test("throws a non-transient error at once", async () => {
    const { waits, wait } = recorder();
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls += 1;
          throw new HttpError(404);
        },
        { attempts: 5, wait },
      ),
    ).rejects.toThrow("HTTP 404");
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  test("a custom isTransient decides", async () => {
    const { wait } = recorder();
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls += 1;
          throw new Error(calls < 2 ? "flaky" : "fatal");
        },
        { attempts: 5, wait, isTransient: (e) => e instanceof Error && e.message === "flaky" },
      ),
    ).rejects.toThrow("fatal");
    expect(calls).toBe(2);
  });

  test("retryResult retries a returned value and returns the last one when tries run out", async () => {
    const { waits, wait } = recorder();
    const statuses = [503, 502, 200];
    const got = await retry(async (attempt) => statuses[attempt - 1], {
      attempts: 5,
      baseDelayMs: 1,
      wait,
      retryResult: isTransientHttpStatus,
    });
    expect(got).toBe(200);
    expect(waits).toEqual([1, 2]);
    const last = await retry(async () => 503, {
      attempts: 2,
      baseDelayMs: 1,
      wait,
      retryResult: isTransientHttpStatus,
    });
    expect(last).toBe(503);
  });

  test("jitter is off by default and, when on, stays between half and all of the delay", async () => {
    expect(backoffDelay(3, 100, 2, 10_000)).toBe(400);
    const { waits, wait } = recorder();
    const randoms = [0, 0.5, 0.999];
    await expect(
      retry(
        async () => {
          throw new HttpError(429);
        },
        { attempts: 4, baseDelayMs: 1000, jitter: true, random: () => randoms.shift() ?? 0, wait },
      ),
    ).rejects.toThrow("HTTP 429");
    expect(waits).toEqual([500, 1500, 3998]);
  });

  test("attempts below 1 still make one call", async () => {
    let calls = 0;
    await retry(async () => ++calls, { attempts: 0 });
    expect(calls).toBe(1);
  });
});

describe("transient errors", () => {
  test("HTTP statuses: 408, 429 and 5xx only", () => {
    for (const s of [408, 429, 500, 502, 503, 504, 599]) expect(isTransientHttpStatus(s)).toBe(true);
    for (const s of [200, 301, 400, 401, 403, 404, 409, 422, 600]) expect(isTransientHttpStatus(s)).toBe(false);
  });

  test("network error codes, nested causes and aggregates", () => {
    for (const code of ["ECONNRESET", "ETIMEDOUT", "ECONNREFUSED", "EAI_AGAIN", "EPIPE"]) {
      expect(isTransientNetworkError(codeError(code))).toBe(true);
    }
    expect(isTransientNetworkError(new Error("socket hang up"))).toBe(true);
    expect(isTransientNetworkError(new TypeError("fetch failed", { cause: codeError("ECONNRESET") }))).toBe(true);
    expect(isTransientNetworkError(new AggregateError([codeError("ECONNREFUSED")], "all failed"))).toBe(true);
    expect(isTransientNetworkError(codeError("ENOENT"))).toBe(false);
    expect(isTransientNetworkError(codeError("ENOTFOUND"))).toBe(false);
    expect(isTransientNetworkError(new Error("bad request"))).toBe(false);
    expect(isTransientNetworkError("ECONNRESET")).toBe(false);
    expect(isTransientNetworkError(null)).toBe(false);
    const loop: Error & { cause?: unknown } = new Error("loop");
    loop.cause = loop;
    expect(isTransientNetworkError(loop)).toBe(false);
  });

  test("HTTP status found on status, statusCode or response.status", () => {
    expect(errorHttpStatus({ status: 502 })).toBe(502);
    expect(errorHttpStatus({ statusCode: 404 })).toBe(404);
    expect(errorHttpStatus({ response: { status: 429 } })).toBe(429);
    expect(errorHttpStatus(new Error("x"))).toBeUndefined();
    expect(isTransientError(new HttpError(502))).toBe(true);
    expect(isTransientError(new HttpError(401))).toBe(false);
  });

  describe("real sockets on loopback", () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((req) => req.socket.destroy());
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    });

    test("fetch to a closed port is transient (ECONNREFUSED under fetch's cause)", async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const error = await fetch(`http://127.0.0.1:${closedPort}/`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeDefined();
      expect(isTransientError(error)).toBe(true);
    });

    test("a server dropping the connection is transient for fetch and for http.get", async () => {
      const fetchError = await fetch(`http://127.0.0.1:${port}/`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isTransientNetworkError(fetchError)).toBe(true);
      const httpError = await new Promise<unknown>((resolve) => {
        get(`http://127.0.0.1:${port}/`, (res) => resolve(new Error(`unexpected response ${res.statusCode}`))).on(
          "error",
          resolve,
        );
      });
      expect(httpError).toMatchObject({ code: "ECONNRESET" });
      expect(isTransientNetworkError(httpError)).toBe(true);
    });

    test("retry recovers when the server comes back", async () => {
      let drops = 2;
      const flaky = createServer((req, res) => {
        if (drops-- > 0) req.socket.destroy();
        else res.end("fine");
      });
      await new Promise<void>((resolve) => flaky.listen(0, "127.0.0.1", resolve));
      const flakyPort = (flaky.address() as AddressInfo).port;
      try {
        const { waits, wait } = recorder();
        const body = await retry(async () => (await fetch(`http://127.0.0.1:${flakyPort}/`)).text(), {
          attempts: 4,
          baseDelayMs: 5,
          wait,
        });
        expect(body).toBe("fine");
        expect(waits).toEqual([5, 10]);
      } finally {
        flaky.closeAllConnections();
        await new Promise<void>((resolve) => flaky.close(() => resolve()));
      }
    });
  });
});

/**
 * One planted secret, every path it could leave by. Later issues log, report, annotate, open
 * issues and back up through these same functions.
 */
import fc from "fast-check";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execCommand } from "../../src/common/exec.js";
import { RecordingLogger, RedactingLogger } from "../../src/common/logger.js";
import { looksSecretKey, REDACTED, Redactor, redactEnvBlock } from "../../src/common/redact.js";
import {
  formatAnnotation,
  redactResult,
  redactResults,
  resultsSummaryMarkdown,
  tableMarkdown,
} from "../../src/common/report.js";
import type { CheckResult } from "../../src/common/result.js";
import { shellQuote } from "../../src/common/shell-quote.js";

const SECRET = "pl4nted-S3cret-value";

function redactor(): Redactor {
  return new Redactor([SECRET]);
}

function expectClean(text: string, ...secrets: string[]): void {
  for (const s of [SECRET, ...secrets]) expect(text).not.toContain(s);
}

describe("looksSecretKey", () => {
  test.each([
    "DB_PASSWORD",
    "API_TOKEN",
    "apiToken",
    "x-api-key",
    "ApiKey",
    "APIKey",
    "SECRET_KEY_BASE",
    "client_secret",
    "NODE_AUTH_TOKEN",
    "NETLIFY_AUTH_TOKEN",
    "MYSQLPASSWORD",
    "githubtoken",
    "Authorization",
    "Proxy-Authorization",
    "set-cookie",
    "AWS_SECRET_ACCESS_KEY",
    "SSH_PRIVATE_KEY",
    "DATABASE_URL",
    "SENTRY_DSN",
    "SMTP_PASS",
    "DB_PWD",
    "SLACK_WEBHOOK_URL",
    "passphrase",
    "credentials",
  ])("%s is secret", (key) => {
    expect(looksSecretKey(key)).toBe(true);
  });

  test.each([
    "author",
    "AUTHOR_NAME",
    "authority",
    "tokenizer",
    "PWD",
    "OLDPWD",
    "PATH",
    "HOME",
    "NODE_ENV",
    "PORT",
    "name",
    "status",
    "restart_time",
    "pm_uptime",
    "passenger",
    "keyboard",
  ])("%s is not secret", (key) => {
    expect(looksSecretKey(key)).toBe(false);
  });
});

describe("a planted secret leaves by no path", () => {
  test("plain log lines through RedactingLogger", () => {
    const inner = new RecordingLogger();
    const r = redactor();
    const logger = new RedactingLogger(inner, (t) => r.redact(t));
    logger.info(`connecting with ${SECRET}`);
    logger.debug(`debug ${SECRET}`);
    logger.warning(`warn ${SECRET}`, { file: "a.yml", line: 3 });
    logger.error(`error ${SECRET}!`);
    expectClean(inner.text());
    expect(inner.messages()).toEqual([
      `connecting with ${REDACTED}`,
      `debug ${REDACTED}`,
      `warn ${REDACTED}`,
      `error ${REDACTED}!`,
    ]);
    expect(inner.entries[2].location).toEqual({ file: "a.yml", line: 3 });
  });

  test("exec command lines logged by execCommand", async () => {
    const logger = new RecordingLogger();
    await execCommand("true", ["--token", SECRET, `--url=https://deploy:${SECRET}@example.com/x`], {
      logger,
      redactor: redactor(),
    });
    expect(logger.text()).toContain("exec: true --token ***");
    expectClean(logger.text());
  });

  const result: CheckResult = {
    id: "pm2/web-1/api",
    kind: "pm2",
    status: "fail",
    summary: `api errored: auth failed for ${SECRET}`,
    details: [`Error: password ${SECRET} rejected`, `DB_PASSWORD=${SECRET}`, "plain evidence line"],
    metrics: { restarts: 4 },
    recovery: [{ action: "pm2 restart api", ok: false, detail: `exit 1: ${SECRET}` }],
  };

  test("CheckResult summary, details and recovery via redactResult, leaving the original alone", () => {
    const r = redactResult(result, redactor());
    expectClean(JSON.stringify(r));
    expect(r.summary).toBe(`api errored: auth failed for ${REDACTED}`);
    expect(r.details[2]).toBe("plain evidence line");
    expect(r.metrics).toEqual({ restarts: 4 });
    expect(r.recovery?.[0].ok).toBe(false);
    expect(result.summary).toContain(SECRET);
    expect(redactResults([result, result], redactor())).toHaveLength(2);
    expectClean(JSON.stringify(redactResults([result], redactor())));
  });

  test("job summary markdown", () => {
    const md = resultsSummaryMarkdown([result], `Health of ${SECRET}`, { redactor: redactor() });
    expectClean(md);
    expect(md).toContain("pm2/web-1/api");
  });

  test("annotation lines, in message and title", () => {
    const line = formatAnnotation(
      { severity: "error", message: `bad ${SECRET}`, title: `t ${SECRET}`, file: "a.yml", line: 1 },
      redactor(),
    );
    expectClean(line);
    expect(line).toBe("::error file=a.yml,line=1,title=t ***::bad ***");
  });

  test("markdown tables", () => {
    expectClean(tableMarkdown(["a"], [[SECRET]], redactor()));
  });

  test("JSON like `pm2 jlist`: secret-named keys, and a known secret under an innocent key", () => {
    const innocent = "innocent-looking-Secret-42";
    const apps = [
      {
        pid: 1234,
        name: "api",
        pm_id: 0,
        monit: { memory: 52_000_000, cpu: 0.3 },
        pm2_env: {
          name: "api",
          status: "online",
          restart_time: 2,
          PWD: "/srv/api",
          NODE_ENV: "production",
          DB_PASSWORD: "hunter2-db",
          API_TOKEN: "tok_abcdefgh",
          FOO: innocent,
          env: { DB_PASSWORD: "hunter2-db", API_TOKEN: "tok_abcdefgh", FOO: innocent, PORT: "3000" },
        },
      },
    ];
    const r = redactor();
    r.addSecret(innocent);
    const text = r.redact(JSON.stringify(apps));
    expectClean(text, "hunter2-db", "tok_abcdefgh", innocent);
    const parsed = JSON.parse(text);
    expect(parsed[0].pm2_env.status).toBe("online");
    expect(parsed[0].pm2_env.PWD).toBe("/srv/api");
    expect(parsed[0].pm2_env.env.PORT).toBe("3000");
    expect(parsed[0].pm2_env.env.FOO).toBe(REDACTED);

    const data = r.redactData(apps);
    expectClean(JSON.stringify(data), "hunter2-db", "tok_abcdefgh", innocent);
    expect(data[0].pm2_env.name).toBe("api");
    expect(data[0].monit.memory).toBe(52_000_000);
    expect(apps[0].pm2_env.FOO).toBe(innocent);
    expect(redactEnvBlock(apps[0].pm2_env.env)).toEqual({
      DB_PASSWORD: REDACTED,
      API_TOKEN: REDACTED,
      FOO: REDACTED,
      PORT: REDACTED,
    });
  });

  test("`pm2 dump`-like JSON, pretty-printed, and with an env serialised inside a string", () => {
    const dump = [
      {
        name: "worker",
        env: { API_KEY: "k-123456789", SESSION_SECRET: "s-987654321", LOG_LEVEL: "info" },
        env_production: { DATABASE_URL: "postgres://app:pg-pass-1234@db:5432/app" },
        args: JSON.stringify({ API_TOKEN: 'with "quotes" and \\ inside', mode: "fast" }),
      },
    ];
    const text = redactor().redact(JSON.stringify(dump, null, 2));
    expectClean(text, "k-123456789", "s-987654321", "pg-pass-1234", 'with \\"quotes', "quotes");
    const parsed = JSON.parse(text);
    expect(parsed[0].env.LOG_LEVEL).toBe("info");
    expect(JSON.parse(parsed[0].args)).toEqual({ API_TOKEN: REDACTED, mode: "fast" });
  });

  test('KEY=value env files and export KEY="value"', () => {
    const env = [
      "# database",
      "DB_PASSWORD=hunter2-env",
      'export API_TOKEN="tok with spaces"',
      "export SESSION_SECRET='single quoted'",
      "PORT=3000",
      "NODE_ENV=production",
      `FOO=${SECRET}`,
    ].join("\n");
    const text = redactor().redact(env);
    expectClean(text, "hunter2-env", "tok with spaces", "single quoted");
    expect(text).toBe(
      [
        "# database",
        "DB_PASSWORD=***",
        "export API_TOKEN=***",
        "export SESSION_SECRET=***",
        "PORT=3000",
        "NODE_ENV=production",
        "FOO=***",
      ].join("\n"),
    );
  });

  test("URLs with user:password@", () => {
    const text = new Redactor().redact(
      "remote https://deploy:pa55word-x@git.example.com/repo.git and mongodb://u:p4ss@h/db",
    );
    expect(text).toBe(`remote https://deploy:${REDACTED}@git.example.com/repo.git and mongodb://u:${REDACTED}@h/db`);
  });

  test("PEM private keys, whole blocks", () => {
    const pem = [
      "-----BEGIN OPENSSH PRIVATE KEY-----",
      "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
      "QyNTUxOQAAACBhc2RmYXNkZmFzZGZhc2RmYXNkZmFzZGZhc2RmYXNkZmFzZAAAAJg=",
      "-----END OPENSSH PRIVATE KEY-----",
    ].join("\n");
    const text = new Redactor().redact(`key:\n${pem}\nafter`);
    expect(text).not.toContain("b3BlbnNzaC1rZXkt");
    expect(text).not.toContain("QyNTUxOQ");
    expect(text.endsWith("\nafter")).toBe(true);
  });

  test("GitHub tokens by their shape", () => {
    const classic = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    const fine = "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
    const text = new Redactor().redact(`push with ${classic} or ${fine}.`);
    expect(text).toBe(`push with ${REDACTED} or ${REDACTED}.`);
  });

  test("Authorization headers and bearer tokens", () => {
    const r = new Redactor();
    expect(r.redact("curl -H 'Authorization: token abcdef0123456789' url")).toBe("curl -H 'Authorization: ***' url");
    expect(r.redact("Authorization: Basic dXNlcjpwYXNzd29yZA==")).toBe("Authorization: ***");
    expect(r.redact("sent Bearer eyJhbGciOi.xyz_123456")).toBe("sent Bearer ***");
  });

  test("multi-line secrets registered via addSecret, whole and line by line", () => {
    const multi = "first-line-of-secret\nsecond-line-of-secret\n";
    const r = new Redactor();
    r.addSecret(multi);
    expect(r.redact(`a ${multi} b`)).not.toMatch(/line-of-secret/);
    expect(r.redact("only second-line-of-secret here")).toBe(`only ${REDACTED} here`);
    expect(r.redact(JSON.stringify({ x: multi }))).not.toMatch(/line-of-secret/);
  });

  test("a secret split by escaping: its JSON-escaped, twice-escaped, shell-quoted and URL-encoded forms are registered too", () => {
    const tricky = "p\"a\\ss\nw'ord 1";
    const r = new Redactor([tricky]);
    const once = JSON.stringify({ NAME: tricky });
    const twice = JSON.stringify({ args: once });
    for (const text of [once, twice, shellQuote(tricky), `https://h/?q=${encodeURIComponent(tricky)}`]) {
      const out = r.redact(text);
      expect(out).toContain(REDACTED);
      expect(out).not.toContain("ss\\nw");
      expect(out).not.toContain("ord 1");
    }
    expect(JSON.parse(r.redact(once))).toEqual({ NAME: REDACTED });
  });

  test("short values are not registered (they would blank out ordinary words)", () => {
    const r = new Redactor(["abc", "", "  "]);
    expect(r.size).toBe(0);
    expect(r.redact("abc")).toBe("abc");
  });

  test("a number equal to a known secret is redacted in data", () => {
    const r = new Redactor(["12345678"]);
    expect(r.redactData({ pin: 12345678, port: 3000 })).toEqual({ pin: REDACTED, port: 3000 });
  });
});

describe("no over-redaction", () => {
  test("ordinary text is left exactly as it was", () => {
    const text = [
      "author: Jane Doe",
      "authority=ca.example.com",
      "tokenizer: bpe",
      "PWD=/home/app",
      "status: online, restarts: 3, uptime: 5m",
      "NODE_ENV=production PORT=3000",
      'The key "name": "api" was found at https://example.com/path?x=1',
      "tests passed: 12",
    ].join("\n");
    expect(redactor().redact(text)).toBe(text);
  });

  test("JSON without secrets survives a round trip unchanged", () => {
    const data = { name: "api", author: "me", tokenizer: "bpe", env: { PORT: "3000", HOME: "/root" } };
    const r = redactor();
    expect(r.redactData(data)).toEqual(data);
    expect(r.redact(JSON.stringify(data))).toBe(JSON.stringify(data));
  });
});

describe("property: a registered secret never survives common encodings", () => {
  const secretArb = fc
    .string({ minLength: 4, maxLength: 32, unit: fc.constantFrom(..."abcXYZ019 _-\"'\\\n\t:=,;/@é€") })
    .filter((s) => s.trim().length >= 4 && !s.includes("*"));

  test("plain, JSON, JSON in JSON, shell-quoted, URL-encoded, env line", () => {
    fc.assert(
      fc.property(secretArb, fc.string({ maxLength: 10 }), (secret, around) => {
        const r = new Redactor([secret]);
        const texts = [
          `${around}${secret}${around}`,
          JSON.stringify({ FOO: secret, around }),
          JSON.stringify({ wrapped: JSON.stringify({ FOO: secret }) }),
          `run ${shellQuote(secret)}`,
          `https://h/?q=${encodeURIComponent(secret)}`,
        ];
        for (const text of texts) {
          const out = r.redact(text);
          if (out.includes(secret)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

describe("real PM2: `pm2 jlist` and `dump.pm2` with planted secrets", () => {
  const pm2 = resolve("node_modules/pm2/bin/pm2");
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const innocent = "innocent-FOO-value-77";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "redact-pm2-"));
    writeFileSync(join(dir, "app.js"), "setInterval(() => {}, 1000);\n");
    env = {
      PATH: process.env.PATH,
      HOME: dir,
      PM2_HOME: join(dir, "pm2"),
      DB_PASSWORD: 'hunter2-"quoted"-pw',
      API_TOKEN: "tok-abcdef-123456",
      FOO: innocent,
    };
  });

  afterAll(async () => {
    await execCommand(process.execPath, [pm2, "kill"], { env, timeoutMs: 20_000 });
    const pidFile = join(dir, "pm2", "pm2.pid");
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, "utf8"));
      try {
        process.kill(pid, "SIGKILL");
      } catch (error) {
        if (!(typeof error === "object" && error !== null && "code" in error && error.code === "ESRCH")) throw error;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test("nothing secret survives, everything else does", async () => {
    const start = await execCommand(process.execPath, [pm2, "start", join(dir, "app.js"), "--name", "api"], {
      env,
      cwd: dir,
      timeoutMs: 60_000,
    });
    expect(start.exitCode).toBe(0);
    const jlist = await execCommand(process.execPath, [pm2, "jlist"], { env, timeoutMs: 30_000 });
    expect(jlist.exitCode).toBe(0);
    const save = await execCommand(process.execPath, [pm2, "save"], { env, timeoutMs: 30_000 });
    expect(save.exitCode).toBe(0);
    const dump = readFileSync(join(dir, "pm2", "dump.pm2"), "utf8");
    // the planted values really are in the raw output
    for (const raw of [jlist.stdout, dump]) {
      expect(raw).toContain("tok-abcdef-123456");
      expect(raw).toContain(innocent);
      expect(raw).toContain('hunter2-\\"quoted\\"-pw');
    }

    const r = new Redactor();
    r.addSecret(innocent);
    for (const raw of [jlist.stdout, dump]) {
      const text = r.redact(raw);
      expect(text).not.toContain("hunter2");
      expect(text).not.toContain("tok-abcdef-123456");
      expect(text).not.toContain(innocent);
      const apps = JSON.parse(text);
      const app = apps[0].pm2_env ?? apps[0];
      expect(app.name).toBe("api");
      expect(app.env.PM2_HOME).toBe(join(dir, "pm2"));
      expect(app.env.DB_PASSWORD).toBe(REDACTED);

      const data = r.redactData(JSON.parse(raw));
      const flat = JSON.stringify(data);
      expect(flat).not.toContain("hunter2");
      expect(flat).not.toContain("tok-abcdef-123456");
      expect(flat).not.toContain(innocent);
    }
    expect(JSON.parse(r.redact(jlist.stdout))[0].pm2_env.status).toBe("online");
  });
});

describe("nested KEY=value pairs", () => {
  it("redacts a secret pair that follows a harmless label", () => {
    const out = new Redactor().redact("Error: DB_PASSWORD=hunter2-planted while connecting");
    expect(out).not.toContain("hunter2-planted");
    expect(out).toContain("Error: DB_PASSWORD=***");
    expect(out).toContain("while connecting");
  });
});

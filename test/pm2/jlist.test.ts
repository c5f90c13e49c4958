import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { Redactor } from "../../src/common/redact.js";
import {
  addEnvSecretsTo,
  parseJlist,
  redactDumpForBackup,
  redactJlistForBackup,
  type Pm2App,
} from "../../src/pm2/jlist.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(join(here, "fixtures", name), "utf8");
const SECRETS = ["hunter2-planted", "planted-foo-value"];
const NOW = 1796399700000;

function expectNoSecrets(value: unknown): void {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  // a prefix of a secret is a leak too
  expect(text).not.toContain("hunter2");
  expect(text).not.toContain("planted-foo");
}

function okApps(text: string, now = NOW): { apps: Pm2App[]; notes: string[] } {
  const r = parseJlist(text, now);
  if (!r.ok) throw new Error(`expected ok, got ${r.error}`);
  expectNoSecrets(r);
  return r;
}

function errorOf(text: string): string {
  const r = parseJlist(text, NOW);
  if (r.ok) throw new Error("expected an error");
  expectNoSecrets(r.error);
  return r.error;
}

describe("parseJlist on output of a real PM2 daemon", () => {
  test("reads every app with status, restarts, pid, memory, mode and env names only", () => {
    const { apps, notes } = okApps(fixture("jlist-real.out"));
    expect(notes).toEqual([]);
    expect(apps.map((a) => [a.name, a.pmId, a.status])).toEqual([
      ["api", 0, "online"],
      ["worker", 1, "stopped"],
      ["worker", 2, "stopped"],
      ["crasher", 3, "errored"],
    ]);
    const [api, worker, , crasher] = apps;
    expect(api.pid).toBe(6982);
    expect(api.memoryBytes).toBe(53907456);
    expect(api.cpuPercent).toBe(0);
    expect(api.execMode).toBe("fork");
    expect(api.instances).toBe(1);
    expect(api.startedAt).toBe(1796399606585);
    expect(api.uptimeMs).toBe(NOW - 1796399606585);
    expect(api.script).toBe("/srv/api/app.js");
    expect(api.cwd).toBe("/srv/api");
    expect(api.errorLogPath).toBe("/home/deploy/.pm2/logs/api-error.log");
    expect(api.outLogPath).toBe("/home/deploy/.pm2/logs/api-out.log");
    expect(api.envKeys).toEqual(expect.arrayContaining(["DB_PASSWORD", "FOO", "NODE_ENV", "PATH"]));
    expect(api.envKeys).not.toContain("api");
    expect(api.envKeys).not.toContain("unique_id");
    expect(worker.pid).toBeUndefined();
    expect(worker.execMode).toBe("cluster");
    expect(worker.instances).toBe(2);
    expect(worker.uptimeMs).toBeUndefined();
    expect(crasher.restarts).toBe(15);
    expect(crasher.uptimeMs).toBeUndefined();
    expect(crasher.pid).toBeUndefined();
  });

  test("skips daemon banners and the coloured out-of-date warning before the JSON, noting them redacted", () => {
    const { apps, notes } = okApps(fixture("jlist-banner.txt"));
    expect(apps).toHaveLength(4);
    expect(notes).toContain("skipped output line: >>>> In-memory PM2 is out-of-date, do:");
    expect(notes).toContain("skipped output line: [PM2] Spawning PM2 daemon with pm2_home=***");
    expect(notes.join("\n")).not.toContain("\x1b");
  });

  test("skips the warning when PM2 prints it after the JSON", () => {
    const { apps, notes } = okApps(fixture("jlist-banner-after.txt"));
    expect(apps).toHaveLength(4);
    expect(notes).toContain("skipped output line: >>>> $ pm2 update");
    expect(notes).toContain("skipped output line: Local PM2 version: ***");
  });

  test("reads a pretty-printed array with CRLF line ends", () => {
    const pretty = JSON.stringify(JSON.parse(fixture("jlist-real.out")), null, 2).replace(/\n/g, "\r\n");
    expect(okApps(`[PM2][WARN] Current process list is not synchronized\r\n${pretty}\r\n`).apps).toHaveLength(4);
  });
});

describe("parseJlist fields", () => {
  const base = (): Record<string, unknown>[] => JSON.parse(fixture("jlist-real.out")) as Record<string, unknown>[];
  const withEnv = (patch: Record<string, unknown>, top: Record<string, unknown> = {}): string => {
    const [api] = base();
    const env = { ...(api.pm2_env as Record<string, unknown>), ...patch };
    return JSON.stringify([{ ...api, ...top, pm2_env: env }]);
  };

  test.each(["online", "stopping", "stopped", "launching", "errored", "one-launch-status", "waiting restart"])(
    "keeps status %s, with uptime only when online",
    (status) => {
      const [app] = okApps(withEnv({ status })).apps;
      expect(app.status).toBe(status);
      expect(app.uptimeMs === undefined).toBe(status !== "online");
      expect(app.startedAt).toBe(1796399606585);
    },
  );

  test("a pid of 0 or no pid at all is no pid", () => {
    expect(okApps(withEnv({}, { pid: 0 })).apps[0].pid).toBeUndefined();
    const [api] = base();
    delete api.pid;
    expect(okApps(JSON.stringify([api])).apps[0].pid).toBeUndefined();
  });

  test("unstable restarts, restart count and missing monit", () => {
    const [app] = okApps(withEnv({ restart_time: 42, unstable_restarts: 7 }, { monit: undefined })).apps;
    expect(app.restarts).toBe(42);
    expect(app.unstableRestarts).toBe(7);
    expect(app.memoryBytes).toBeUndefined();
    expect(app.cpuPercent).toBeUndefined();
  });

  test("an uptime stamp in the future does not give a negative uptime", () => {
    expect(okApps(withEnv({ pm_uptime: NOW + 5000 })).apps[0].uptimeMs).toBe(0);
  });

  test("an empty list is a valid answer: the daemon runs no apps", () => {
    expect(okApps("[]\n")).toMatchObject({ apps: [], notes: [] });
  });

  test("entries without a name or pm2_env are skipped with a note while the others count", () => {
    const [api, worker] = base();
    delete api.name;
    delete (api.pm2_env as Record<string, unknown>).name;
    const r = okApps(JSON.stringify([api, worker, 17, { name: "bare", pm_id: 9 }]));
    expect(r.apps.map((a) => a.name)).toEqual(["worker"]);
    expect(r.notes).toEqual([
      "skipped jlist entry #0: no name (pm_id 0)",
      "skipped jlist entry #2: not an object (a number)",
      'skipped jlist entry #3: app "bare" (pm_id 9) has no pm2_env',
    ]);
  });

  test("when no entry is an app, the output is an error", () => {
    const [api] = base();
    delete api.name;
    delete (api.pm2_env as Record<string, unknown>).name;
    expect(errorOf(JSON.stringify([api]))).toMatch(/none is a PM2 app.*no name/);
  });
});

describe("parseJlist on broken output never leaks env values", () => {
  const real = fixture("jlist-real.out");

  test("empty output", () => {
    expect(errorOf("")).toBe("pm2 jlist printed nothing");
    expect(errorOf("\n  \n")).toBe("pm2 jlist printed nothing");
  });

  test("garbage", () => {
    expect(errorOf("bash: pm2: command not found\n")).toBe(
      "pm2 jlist output holds no JSON array (output begins: bash: *** command not found)",
    );
  });

  test("truncated in the middle of a secret", () => {
    const cut = real.slice(0, real.indexOf("planted-foo-value") + 10);
    expect(errorOf(cut)).toBe(
      "pm2 jlist output is truncated: the JSON array never closes (its JSON is not quoted here, as it may hold env values)",
    );
  });

  test("broken JSON with secrets in it", () => {
    const broken = real.replace('"FOO":"planted-foo-value"', '"FOO":planted-foo-value');
    const error = errorOf(broken);
    expect(error).toMatch(/^pm2 jlist output is not valid JSON/);
    expect(error.length).toBeLessThan(120);
  });

  test("a JSON object instead of an array", () => {
    const obj = JSON.stringify({ FOO: "planted-foo-value", DB_PASSWORD: "hunter2-planted" });
    expect(errorOf(obj)).toBe(
      "pm2 jlist printed a JSON object, expected an array of apps (its JSON is not quoted here, as it may hold env values)",
    );
  });

  test("a known secret in the first line is cut from the quoted prefix", () => {
    const r = parseJlist("oops planted-foo-value", NOW, new Redactor(["planted-foo-value"]));
    expect(r).toEqual({ ok: false, error: "pm2 jlist output holds no JSON array (output begins: oops ***)" });
  });
});

describe("parseJlist on output cut anywhere", () => {
  test("never leaks an env value, whatever line it starts at and wherever it is cut off", () => {
    const banner = fixture("jlist-banner.txt") + fixture("jlist-banner-after.txt");
    const lineStarts = [0, ...[...banner.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];
    fc.assert(
      fc.property(fc.constantFrom(...lineStarts), fc.nat({ max: banner.length }), (start, end) => {
        const cut = banner.slice(start, Math.max(start, end));
        const r = parseJlist(cut, NOW);
        expectNoSecrets(r.ok ? r : r.error);
      }),
      { numRuns: 300 },
    );
  });
});

describe("redacted backups", () => {
  const redactor = new Redactor();

  test("redactJlistForBackup keeps PM2 fields and env names, drops every env value", () => {
    const out = redactJlistForBackup(fixture("jlist-banner.txt"), redactor);
    expectNoSecrets(out);
    const data = JSON.parse(out) as { name: string; pm2_env: Record<string, unknown> }[];
    expect(data).toHaveLength(4);
    const env = data[0].pm2_env;
    expect(env.status).toBe("online");
    expect(env.pm_exec_path).toBe("/srv/api/app.js");
    expect(env.restart_time).toBe(0);
    expect(env.FOO).toBe("***");
    expect(env.HOME).toBe("***");
    expect(env.NODE_APP_INSTANCE).toBe("***");
    expect(env.env).toMatchObject({ FOO: "***", DB_PASSWORD: "***", PATH: "***" });
    expect(out).not.toContain('/home/deploy"');
  });

  test("env_* blocks, string env and a secret copied into args are redacted too", () => {
    const [api] = JSON.parse(fixture("jlist-real.out")) as Record<string, Record<string, unknown>>[];
    api.pm2_env.env_production = { API_KEY: "planted-foo-value" };
    api.pm2_env.env_staging = "FOO=planted-foo-value";
    api.pm2_env.args = ["--db-pass", "hunter2-planted"];
    const out = redactJlistForBackup(JSON.stringify([api]), redactor);
    expectNoSecrets(out);
    const env = (JSON.parse(out) as Record<string, Record<string, unknown>>[])[0].pm2_env;
    expect(env.env_production).toEqual({ API_KEY: "***" });
    expect(env.env_staging).toBe("***");
    expect(env.args).toEqual(["--db-pass", "***"]);
  });

  test("redactJlistForBackup refuses garbage without quoting it", () => {
    expect(() => redactJlistForBackup("FOO=planted-foo-value garbage", redactor)).toThrow(
      /^cannot redact pm2 jlist output: pm2 jlist output holds no JSON array \(output begins: FOO=\*\*\* garbage\)$/,
    );
  });

  test("redactDumpForBackup redacts dump.pm2 from a real pm2 save", () => {
    const text = fixture("dump.pm2");
    expect(text).toContain("planted-foo-value");
    const out = redactDumpForBackup(text, redactor);
    expectNoSecrets(out);
    const data = JSON.parse(out) as Record<string, unknown>[];
    expect(data.map((a) => a.name)).toEqual(["api", "worker", "worker", "crasher"]);
    expect(data[0].pm_exec_path).toBe("/srv/api/app.js");
    expect(data[0].exec_mode).toBe("fork_mode");
    expect(data[0].FOO).toBe("***");
    expect(data[0].env).toMatchObject({ FOO: "***", DB_PASSWORD: "***" });
  });

  test("redactDumpForBackup throws on broken or non-array input without quoting it", () => {
    const broken = fixture("dump.pm2").slice(0, 300);
    expect(broken).toContain("hunter2-planted");
    let message = "";
    try {
      redactDumpForBackup(broken, redactor);
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toBe("cannot redact dump.pm2: not valid JSON (syntax error)");
    expect(() => redactDumpForBackup('{"FOO":"planted-foo-value"}', redactor)).toThrow(
      "cannot redact dump.pm2: expected a JSON array of apps, got an object",
    );
  });
});

describe("addEnvSecretsTo", () => {
  test("registers env values, even under innocent names, so free text quoting them is redacted", () => {
    const redactor = new Redactor();
    expect(addEnvSecretsTo(redactor, fixture("jlist-banner.txt"))).toBe(4);
    const line = "Error: login with planted-foo-value / hunter2-planted failed in /srv/api as production";
    expect(redactor.redact(line)).toBe("Error: login with *** / *** failed in /srv/api as production");
  });

  test("reads dump.pm2 too, and registers nothing from garbage", () => {
    const fromDump = new Redactor();
    expect(addEnvSecretsTo(fromDump, fixture("dump.pm2"))).toBe(4);
    expect(fromDump.redact("x planted-foo-value")).toBe("x ***");
    const none = new Redactor();
    expect(addEnvSecretsTo(none, "not json")).toBe(0);
    expect(none.size).toBe(0);
  });
});

describe("against a live PM2 daemon", () => {
  const pm2 = join(here, "..", "..", "node_modules", "pm2", "bin", "pm2");
  let home = "";

  afterAll(() => {
    if (!home) return;
    execFileSync(process.execPath, [pm2, "kill"], { env: { ...process.env, PM2_HOME: home }, stdio: "ignore" });
    rmSync(home, { recursive: true, force: true });
  });

  test("parses what `pm2 jlist` prints for an app with planted secrets", () => {
    home = mkdtempSync(join(tmpdir(), "jlist-pm2-"));
    const script = join(home, "idle.js");
    writeFileSync(script, "setInterval(() => {}, 60000);\n");
    const env = { ...process.env, PM2_HOME: home, DB_PASSWORD: "hunter2-planted", FOO: "planted-foo-value" };
    execFileSync(process.execPath, [pm2, "start", script, "--name", "live"], { env, stdio: "ignore" });
    const raw = execFileSync(process.execPath, [pm2, "jlist"], { env, encoding: "utf8" });
    expect(raw).toContain("planted-foo-value");
    const { apps } = okApps(raw, Date.now());
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ name: "live", pmId: 0, script, execMode: "fork" });
    expect(apps[0].envKeys).toEqual(expect.arrayContaining(["DB_PASSWORD", "FOO"]));
    expectNoSecrets(redactJlistForBackup(raw, new Redactor()));
  });
});

/** `redundancy pm2` against a real sshd on 127.0.0.1 and a real PM2 daemon: detection, recovery, resurrect, report. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecordingLogger } from "../../src/common/logger.js";
import { Redactor } from "../../src/common/redact.js";
import { fetchPm2Backup, hostWithDefaults, runWithDefaults } from "../../src/pm2/index.js";
import { startSshd, type SshdFixture } from "../support/sshd.js";
import { startPm2Daemon, type Pm2DaemonFixture } from "../support/pm2-daemon.js";
import { byId, runCli, sshHost, writeConfig, type CliRun, removeConfigs } from "./helpers.js";
import { runCli as runBin } from "../harness/run-action.js";

let sshd: SshdFixture;
let pm2: Pm2DaemonFixture;
let config: string;
const scratch = mkdtempSync(join(tmpdir(), "pm2cli-"));

beforeAll(async () => {
  sshd = await startSshd();
  pm2 = await startPm2Daemon();
  config = writeConfig({ "max-restart-attempts": 2, "log-lines": 20, hosts: [sshHost(sshd, pm2)] });
  await pm2.waitForCrashLoop();
});

afterAll(async () => {
  removeConfigs();
  await pm2?.stop();
  await sshd?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function expectNoLeak(run: CliRun): void {
  expect(run.stdout).not.toContain(pm2.secret);
  expect(run.stderr).not.toContain(pm2.secret);
  for (const f of pm2.pwnedFiles) expect(existsSync(f)).toBe(false);
}

const id = (app: string) => `pm2/web-1/${app}`;

/** A recovering run with a short settle time, JSON results. */
const recover = (...extra: string[]) =>
  runCli(["pm2", "--config", config, "--settle-time", "1s", "--format", "json", ...extra]);

test("dry run detects every case and changes nothing", async () => {
  const logins = sshd.acceptedLogins();
  const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
  expect(run.code).toBe(1);
  // Probe, jlist and every error log over one ControlMaster connection: one handshake for the host.
  expect(sshd.acceptedLogins() - logins).toBe(1);
  const results = run.results();
  const n = pm2.names;
  expect(byId(results, "pm2/web-1").status).toBe("ok");
  expect(byId(results, id(n.healthy)).status).toBe("ok");
  const crashing = byId(results, id(n.crashing));
  expect(crashing.status).toBe("fail");
  expect(crashing.summary).toMatch(/errored|crash-looping|waiting/);
  // The error log's evidence, redacted, and the 300 kB line cut short.
  expect(crashing.details.join("\n")).toMatch(/ECONNREFUSED/);
  for (const d of crashing.details) expect(d.length).toBeLessThan(1000);
  expect(byId(results, id(n.stopped)).summary).toMatch(/stopped/);
  expect(byId(results, id(n.missing)).summary).toMatch(/expected but not in PM2's process list/);
  expect(byId(results, id(n.injectStopped)).status).toBe("fail");
  expect(byId(results, id(n.injectMissing)).status).toBe("fail");
  expect(byId(results, id(n.stopped)).details.join("\n")).toMatch(/dry run: would run pm2 restart \d+/);
  expect(results.every((r) => r.recovery === undefined)).toBe(true);
  expectNoLeak(run);
  const apps = await pm2.jlist();
  expect(apps.find((a) => a.name === n.stopped)?.status).toBe("stopped");
  expect(apps.some((a) => a.name === n.missing)).toBe(false);
});

test("text output names host, app and status", async () => {
  const run = await runCli(["pm2", "--config", config, "--no-recover", "--host", "web-1"]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^FAIL +pm2\/web-1\/stopped: stopped\[\d+\] is stopped$/m);
  expect(run.stdout).toMatch(/auto-recovery off: would run pm2 restart/);
  expectNoLeak(run);
  const unknownHost = await runCli(["pm2", "--config", config, "--host", "nope"]);
  expect(unknownHost.code).toBe(2);
  expect(unknownHost.stderr).toMatch(/no host named 'nope' in pm2.hosts \(known: web-1\)/);
});

test("environment overrides win over the file: PM2_AUTO_RECOVERY, PM2_MAX_RESTART_ATTEMPTS", async () => {
  const plan = (run: CliRun) =>
    byId(run.results(), id(pm2.names.crashing))
      .details.filter((d) => d.startsWith("auto-recovery off"))
      .map((d) => d.replace(/ \d+/g, " N"));
  // The file says max-restart-attempts 2 and leaves auto-recovery on.
  const off = await runCli(["pm2", "--config", config, "--format", "json"], { PM2_AUTO_RECOVERY: "false" });
  expect(off.code).toBe(1);
  expect(plan(off)).toEqual([
    expect.stringMatching(
      /^auto-recovery off: would run pm2 restart N, then pm2 delete N \+ pm2 start .* --only crashing$/,
    ),
  ]);
  expect(off.results().every((r) => r.recovery === undefined)).toBe(true);
  const one = await runCli(["pm2", "--config", config, "--format", "json"], {
    PM2_AUTO_RECOVERY: "0",
    PM2_MAX_RESTART_ATTEMPTS: "1",
  });
  expect(plan(one)).toEqual(["auto-recovery off: would run pm2 restart N"]);
  expectNoLeak(one);
  const apps = await pm2.jlist();
  expect(apps.find((a) => a.name === pm2.names.stopped)?.status).toBe("stopped");
  expect(apps.some((a) => a.name === pm2.names.missing)).toBe(false);

  const bad = await runCli(["pm2", "--config", config, "--format", "json"], { PM2_MAX_RESTART_ATTEMPTS: "lots" });
  expect(bad.code).toBe(2);
  expect(bad.stdout).toBe("");
  expect(bad.stderr).toContain("PM2_MAX_RESTART_ATTEMPTS='lots'");
});

test("the real bin/redundancy.js: --format json puts only the CheckResult[] array on stdout", async () => {
  const run = await runBin(["pm2", "--config", config, "--dry-run", "--format", "json"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
  });
  expect(run.exitCode).toBe(1);
  const results: unknown = JSON.parse(run.stdout);
  expect(Array.isArray(results)).toBe(true);
  const list = results as Record<string, unknown>[];
  expect(list.length).toBeGreaterThanOrEqual(6);
  const allowed = ["id", "kind", "status", "summary", "details", "metrics", "recovery"];
  for (const r of list) {
    expect(Object.keys(r).filter((k) => !allowed.includes(k))).toEqual([]);
    expect(r).toMatchObject({ id: expect.stringMatching(/^pm2\/web-1/), kind: "pm2", summary: expect.any(String) });
    expect(["ok", "warn", "fail", "unknown"]).toContain(r.status);
    expect(Array.isArray(r.details)).toBe(true);
  }
  expect(run.stdout + run.stderr).not.toContain(pm2.secret);
  expect(run.stdout + run.stderr).not.toContain("\x1b[");
});

test("recovery: restarts the stopped, starts the missing, gives up on the crash loop, reports every step", async () => {
  const state = join(scratch, "state.json");
  const backup = join(scratch, "backup");
  const run = await recover("--state", state, "--backup-dir", backup);
  const results = run.results();
  const n = pm2.names;
  const stopped = byId(results, id(n.stopped));
  expect(stopped.status).toBe("warn");
  expect(stopped.summary).toMatch(/recovered by pm2 restart/);
  expect(stopped.recovery).toEqual([
    { action: expect.stringMatching(/^pm2 restart \d+$/), ok: true, detail: "online and stable for 1s" },
  ]);
  const missing = byId(results, id(n.missing));
  expect(missing.status).toBe("warn");
  expect(missing.recovery?.[0].action).toMatch(/pm2 start .*ecosystem.json --only missing-app/);
  expect(byId(results, id(n.injectStopped)).status).toBe("warn");
  const injectMissing = byId(results, id(n.injectMissing));
  expect(injectMissing.status).toBe("fail");
  expect(injectMissing.recovery?.at(-1)?.action).toBe("give up");
  const crashing = byId(results, id(n.crashing));
  expect(crashing.status).toBe("fail");
  expect(crashing.recovery?.map((s) => [s.action.replace(/ \d+/g, " N"), s.ok])).toEqual([
    ["pm2 restart N", false],
    [expect.stringMatching(/^pm2 delete N \+ pm2 start .* --only crashing$/), false],
    ["give up", false],
  ]);
  expect(run.code).toBe(1);
  expectNoLeak(run);

  const apps = await pm2.jlist();
  for (const name of [n.stopped, n.missing, n.injectStopped]) {
    expect(apps.find((a) => a.name === name)?.status).toBe("online");
  }
  expect(readFileSync(state, "utf8")).not.toContain(pm2.secret);
  const saved = JSON.parse(readFileSync(state, "utf8"));
  expect(saved.version).toBe(1);
  expect(typeof saved.hosts["web-1"][n.healthy].restarts).toBe("number");
  const files = readdirSync(join(backup, "pm2", "web-1"));
  expect(files).toContain("ecosystem.json");
  const eco = readFileSync(join(backup, "pm2", "web-1", "ecosystem.json"), "utf8");
  expect(eco).toContain('"API_TOKEN": "***"');
  expect(eco).not.toContain(pm2.secret);
});

test("a fixed crash loop is recovered by a restart", async () => {
  rmSync(pm2.crashFlag);
  const run = await recover();
  const crashing = byId(run.results(), id(pm2.names.crashing));
  expect(crashing.status).toBe("warn");
  expect(crashing.recovery?.[0]).toMatchObject({ ok: true });
  expectNoLeak(run);
});

test("daemon down: detected without spawning one, then resurrected from the dump", async () => {
  expect((await pm2.pm2(["save"])).exitCode).toBe(0);
  expect((await pm2.pm2(["kill"])).exitCode).toBe(0);
  const dry = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
  const host = byId(dry.results(), "pm2/web-1");
  expect(host.status).toBe("fail");
  expect(host.summary).toMatch(/PM2 daemon is not running/);
  expect(host.details.join("\n")).toMatch(/dry run: would run pm2 resurrect/);
  expect(byId(dry.results(), id(pm2.names.healthy)).summary).toMatch(/daemon on web-1 is down/);
  // The check must not have started an (empty) daemon behind our back.
  expect(pm2.daemonPid()).toBeUndefined();

  const backup = join(scratch, "backup2");
  const run = await recover("--backup-dir", backup);
  const resurrected = byId(run.results(), "pm2/web-1");
  expect(resurrected.status).toBe("warn");
  expect(resurrected.recovery).toEqual([{ action: "pm2 resurrect", ok: true, detail: "the daemon was down" }]);
  expect(byId(run.results(), id(pm2.names.healthy)).status).toBe("ok");
  expect(pm2.daemonPid()).toBeDefined();
  const dump = readFileSync(join(backup, "pm2", "web-1", "dump.pm2.json"), "utf8");
  expect(dump).toContain("API_TOKEN");
  expect(dump).not.toContain(pm2.secret);
  expect(dump).not.toContain("plain-value");
  expectNoLeak(run);
});

test("fetchPm2Backup: ecosystem file and dump.pm2 with every env value redacted, nothing changed", async () => {
  const host = hostWithDefaults({
    name: "web-1",
    host: "127.0.0.1",
    port: sshd.port,
    user: "root",
    pm2Home: pm2.home,
    pm2Bin: pm2.pm2Bin,
    ecosystemFile: pm2.ecosystemFile,
    identityFile: sshd.clientKeyPath,
    knownHostsFile: sshd.knownHostsPath,
  });
  const before = await pm2.jlist();
  const { backup, results } = await fetchPm2Backup(runWithDefaults({ hosts: [host] }), {
    logger: new RecordingLogger(),
    redactor: new Redactor(),
  });
  expect(results).toEqual([expect.objectContaining({ id: "pm2/web-1", status: "ok" })]);
  expect(backup.map((b) => b.path).sort()).toEqual(["pm2/web-1/dump.pm2.json", "pm2/web-1/ecosystem.json"]);
  for (const entry of backup) {
    expect(entry.content).toContain("API_TOKEN");
    expect(entry.content).not.toContain(pm2.secret);
    expect(entry.content).not.toContain("plain-value");
  }
  expect((await pm2.jlist()).map((a) => [a.name, a.status])).toEqual(before.map((a) => [a.name, a.status]));
});

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

test("an empty process list with a saved dump: resurrected, and the apps come back", async () => {
  expect((await pm2.pm2(["save"])).exitCode).toBe(0);
  expect((await pm2.pm2(["delete", "all"])).exitCode).toBe(0);
  expect(await pm2.jlist()).toEqual([]);
  const dry = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
  const host = byId(dry.results(), "pm2/web-1");
  expect(host.details).toEqual(
    expect.arrayContaining([
      "PM2 process list is empty while a saved dump exists",
      "dry run: would run pm2 resurrect (the process list was empty)",
    ]),
  );
  expect(byId(dry.results(), id(pm2.names.healthy)).status).toBe("fail");
  expect(await pm2.jlist()).toEqual([]);

  const run = await recover();
  const resurrected = byId(run.results(), "pm2/web-1");
  expect(resurrected).toMatchObject({ status: "warn", summary: "web-1: PM2 process list was empty; resurrected" });
  expect(resurrected.recovery).toEqual([{ action: "pm2 resurrect", ok: true, detail: "the process list was empty" }]);
  expect(byId(run.results(), id(pm2.names.healthy)).status).toBe("ok");
  expect((await pm2.jlist()).find((a) => a.name === pm2.names.healthy)?.status).toBe("online");
  expectNoLeak(run);
});

test("a crashed daemon (SIGKILL: stale socket and pid file): detected without spawning one, then resurrected", async () => {
  expect((await pm2.pm2(["save"])).exitCode).toBe(0);
  const daemon = pm2.daemonPid();
  expect(daemon).toBeDefined();
  const appPids = (await pm2.jlist()).flatMap((a) => (a.pid === undefined ? [] : [a.pid]));
  // The box lost the daemon and its apps at once (OOM killer, a careless kill -9).
  for (const pid of [daemon ?? 0, ...appPids]) killIfRunning(pid);
  for (let i = 0; i < 100 && pm2.daemonPid() !== undefined; i += 1) await new Promise((r) => setTimeout(r, 50));
  expect(pm2.daemonPid()).toBeUndefined();

  const dry = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
  const host = byId(dry.results(), "pm2/web-1");
  expect(host.status).toBe("fail");
  expect(host.details.join("\n")).toMatch(/PM2 daemon is not running in .* \(its socket exists but no live pm2\.pid\)/);
  expect(pm2.daemonPid()).toBeUndefined();

  const run = await recover();
  const resurrected = byId(run.results(), "pm2/web-1");
  expect(resurrected.status).toBe("warn");
  expect(resurrected.recovery).toEqual([{ action: "pm2 resurrect", ok: true, detail: "the daemon was down" }]);
  expect(byId(run.results(), id(pm2.names.healthy)).status).toBe("ok");
  expect(pm2.daemonPid()).toBeDefined();
  expectNoLeak(run);
});

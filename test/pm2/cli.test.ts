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
  const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
  expect(run.code).toBe(1);
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

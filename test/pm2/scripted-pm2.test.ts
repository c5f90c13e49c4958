/**
 * `redundancy pm2` over a real sshd on 127.0.0.1 against a scripted `pm2` (a shell script printing a
 * fixed jlist): the cases a live daemon cannot stage cheaply — all healthy, timing of many hosts, PATH.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSshd, type SshdFixture } from "../support/sshd.js";
import type { CheckResult } from "../../src/common/result.js";
import { runCli as runBin } from "../harness/run-action.js";
import { byId, runCli, writeConfig, removeConfigs } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "pm2scripted-"));
let sshd: SshdFixture;
let home: string;

beforeAll(async () => {
  sshd = await startSshd();
  home = join(scratch, "home");
  mkdirSync(home);
  // The probe only asks whether the pid in pm2.pid is alive: this test process stands in for the daemon.
  writeFileSync(join(home, "pm2.pid"), String(process.pid));
});

afterAll(async () => {
  removeConfigs();
  await sshd?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const ONLINE_API = JSON.stringify([
  {
    pid: process.pid,
    name: "api",
    pm_id: 0,
    monit: { memory: 50 * 1024 * 1024, cpu: 1 },
    pm2_env: { name: "api", pm_id: 0, status: "online", restart_time: 0, unstable_restarts: 0, pm_uptime: 0 },
  },
]);

/** A `pm2` that answers jlist with `jlistText` (one online app by default); `onJlist` runs first. */
function scriptedPm2(dir: string, onJlist = "", jlistText = ONLINE_API): string {
  mkdirSync(dir, { recursive: true });
  const jlist = join(dir, "jlist.json");
  writeFileSync(jlist, jlistText);
  const bin = join(dir, "pm2");
  writeFileSync(bin, `#!/bin/sh\nif [ "$1" = jlist ]; then ${onJlist}\ncat '${jlist}'; exit 0; fi\nexit 0\n`);
  chmodSync(bin, 0o755);
  return bin;
}

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** Pids of the processes whose command line holds `marker`, as `ps` lists them. */
function pidsWith(marker: string): number[] {
  return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(marker))
    .map((line) => Number.parseInt(line.trim(), 10));
}

async function waitUntilGone(marker: string, attempts: number): Promise<number[]> {
  for (let i = 0; i < attempts && pidsWith(marker).length > 0; i++) await new Promise((r) => setTimeout(r, 250));
  return pidsWith(marker);
}

function host(name: string, pm2Bin: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    host: "127.0.0.1",
    port: sshd.port,
    user: "root",
    "pm2-home": home,
    "pm2-bin": pm2Bin,
    apps: ["api"],
    "identity-file": sshd.clientKeyPath,
    "known-hosts": sshd.knownHostsPath,
    ...extra,
  };
}

test("everything healthy: exit 0, every result ok, text and json", async () => {
  const pm2Bin = scriptedPm2(join(scratch, "healthy"));
  const config = writeConfig({ hosts: [host("web-1", pm2Bin)] });
  const json = await runCli(["pm2", "--config", config, "--format", "json"]);
  expect(json.stderr).not.toMatch(/error/i);
  expect(json.code).toBe(0);
  expect(json.results().map((r) => [r.id, r.status])).toEqual([
    ["pm2/web-1", "ok"],
    ["pm2/web-1/api", "ok"],
  ]);
  const text = await runCli(["pm2", "--config", config]);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/^OK +pm2\/web-1\/api: /m);
});

test("hosts are checked concurrently, never more at once than `concurrency`", async () => {
  const events = join(scratch, "events");
  writeFileSync(events, "");
  // Each host's jlist takes 2s; appends of one short line are atomic, so the order of b/e lines is the truth.
  const pm2Bin = scriptedPm2(join(scratch, "slow"), `echo b >> '${events}'; sleep 2; echo e >> '${events}'`);
  const names = ["h1", "h2", "h3", "h4", "h5"];
  const config = writeConfig({ concurrency: 2, hosts: names.map((n) => host(n, pm2Bin)) });
  const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
  expect(run.code).toBe(0);
  for (const n of names) expect(byId(run.results(), `pm2/${n}/api`).status).toBe("ok");
  const marks = readFileSync(events, "utf8").split("\n").filter(Boolean);
  expect(marks).toHaveLength(2 * names.length);
  let inFlight = 0;
  let most = 0;
  for (const m of marks) {
    inFlight += m === "b" ? 1 : -1;
    most = Math.max(most, inFlight);
  }
  expect(most).toBe(2);
});

test("a host that hangs past host-timeout is unknown, naming the step; the other hosts keep their results", async () => {
  const started = join(scratch, "hang-started");
  const finished = join(scratch, "hang-finished");
  const sleeper = join(scratch, "hang-sleeper.pid");
  // sleep under a name of its own, so `ps` finds this one and nothing else.
  const marker = `redundancy-hang-${process.pid}-sleep`;
  const sleep = join(scratch, marker);
  copyFileSync(execFileSync("sh", ["-c", "command -v sleep"], { encoding: "utf8" }).trim(), sleep);
  const hanging = scriptedPm2(
    join(scratch, "hang"),
    `touch '${started}'; '${sleep}' 60 & echo $! > '${sleeper}'; wait; touch '${finished}'`,
  );
  const good = scriptedPm2(join(scratch, "good"));
  const config = writeConfig({
    "host-timeout": "2s",
    hosts: [host("hangs", hanging), host("good", good)],
  });
  try {
    const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
    expect(existsSync(started)).toBe(true);
    // The run ended while the remote command still hung: the budget, not the command, decided.
    expect(existsSync(finished)).toBe(false);
    expect(run.code).toBe(1);
    const hung = byId(run.results(), "pm2/hangs");
    expect(hung.status).toBe("unknown");
    expect(hung.summary).toMatch(/^hangs .*\[during (daemon check|pm2 jlist)\]/);
    expect(run.results().filter((r) => r.id.startsWith("pm2/hangs/"))).toEqual([]);
    expect(byId(run.results(), "pm2/good").status).toBe("ok");
    expect(byId(run.results(), "pm2/good/api").status).toBe("ok");
    // Closing the session does not stop it; the remote `timeout` (a second past the 2 s budget) does.
    expect(existsSync(sleeper)).toBe(true);
    expect(await waitUntilGone(marker, 60)).toEqual([]);
  } finally {
    // The remote command outlives the session it was cut from: stop it here, by its pid.
    if (existsSync(sleeper)) killIfRunning(Number(readFileSync(sleeper, "utf8")));
  }
});

test("pm2 on the runner's PATH but not on the PATH of a non-interactive SSH session: says to set pm2-bin", async () => {
  const dir = join(scratch, "path-only");
  scriptedPm2(dir);
  const env = { PATH: `${dir}:${process.env.PATH ?? ""}`, HOME: process.env.HOME ?? "" };
  // As a user's shell runs it: the real bin, with the scripted pm2 first on PATH. Locally the bare name resolves...
  const local = writeConfig({ hosts: [{ name: "self", transport: "local", "pm2-home": home, apps: ["api"] }] });
  const here = await runBin(["pm2", "--config", local, "--format", "json"], { env });
  expect(here.exitCode).toBe(0);
  expect(byId(JSON.parse(here.stdout) as CheckResult[], "pm2/self/api").status).toBe("ok");
  // ...over SSH the session's own PATH applies, and the default pm2-bin is not found there.
  const remote = writeConfig({ hosts: [host("web-1", "pm2")] });
  const run = await runBin(["pm2", "--config", remote, "--format", "json"], { env });
  expect(run.exitCode).toBe(1);
  const result = byId(JSON.parse(run.stdout) as CheckResult[], "pm2/web-1");
  expect(result.status).toBe("fail");
  expect(result.summary).toMatch(/pm2 not runnable as 'pm2'.*set pm2-bin/);
});

describe("the host's ecosystem file is validated during the check", () => {
  const planted = `eco-planted-${process.pid}-value`;

  test("JSON: findings with file:line in the host's details, its apps expected, env values never shown", async () => {
    const eco = join(scratch, "ecosystem.json");
    writeFileSync(
      eco,
      [
        "{",
        '  "apps": [',
        `    { "name": "api", "script": "api.js", "env": { "INNOCENT": "${planted}" } },`,
        '    { "name": "api", "script": "b.js" },',
        '    { "name": "worker", "script": "w.js", "max_memory_restart": "150MB", "restart_dealy": 5 }',
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
    const pm2Bin = scriptedPm2(join(scratch, "eco-json"));
    const config = writeConfig({ hosts: [host("web-1", pm2Bin, { apps: [], "ecosystem-file": eco })] });
    const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
    const hostResult = byId(run.results(), "pm2/web-1");
    // Two error-level findings: the host is not "ok" even though every expected app is accounted for.
    expect(hostResult.status).toBe("warn");
    expect(hostResult.summary).toBe(`web-1: PM2 daemon running; ecosystem file ${eco} has 2 errors (see details)`);
    const details = hostResult.details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${eco}:4: error: duplicate app name "api"`)),
        expect.stringMatching(new RegExp(`^${eco}:5: error: max_memory_restart "150MB" in app "worker"`)),
        expect.stringMatching(new RegExp(`^${eco}:5: warning: unknown key "restart_dealy"`)),
      ]),
    );
    // Declared there, not running: missing.
    expect(byId(run.results(), "pm2/web-1/worker").status).toBe("fail");
    expect(byId(run.results(), "pm2/web-1/api").status).toBe("ok");
    expect(run.stdout + run.stderr).not.toContain(planted);
  });

  test("only warnings in the file: the host stays ok, the warning is in its details", async () => {
    const eco = join(scratch, "ecosystem-warn.json");
    writeFileSync(eco, '{ "apps": [{ "name": "api", "script": "api.js", "restart_dealy": 5 }] }\n');
    const pm2Bin = scriptedPm2(join(scratch, "eco-warn"));
    const config = writeConfig({ hosts: [host("web-1", pm2Bin, { apps: [], "ecosystem-file": eco })] });
    const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
    const hostResult = byId(run.results(), "pm2/web-1");
    expect(hostResult.status).toBe("ok");
    expect(hostResult.summary).toBe("web-1: PM2 daemon running");
    expect(hostResult.details).toEqual([
      expect.stringMatching(new RegExp(`^${eco}:1: warning: unknown key "restart_dealy"`)),
    ]);
    expect(run.code).toBe(0);
  });

  test("JavaScript: read without running it; what would have to run is a finding", async () => {
    const marker = join(scratch, "eco-js-ran");
    const eco = join(scratch, "ecosystem.config.js");
    writeFileSync(
      eco,
      [
        `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran");`,
        'module.exports = { apps: [{ name: "api", script: "api.js" }, { name: "js-only", script: "j.js" }] };',
        "",
      ].join("\n"),
    );
    const pm2Bin = scriptedPm2(join(scratch, "eco-js"));
    const config = writeConfig({ hosts: [host("web-1", pm2Bin, { apps: [], "ecosystem-file": eco })] });
    const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
    expect(existsSync(marker)).toBe(false);
    const details = byId(run.results(), "pm2/web-1").details;
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${eco}:1: error: .*cannot be read statically`)),
        expect.stringMatching(/ecosystem\.config\.js left out of the backup/),
      ]),
    );
    expect(byId(run.results(), "pm2/web-1/js-only").status).toBe("fail");
    expect(byId(run.results(), "pm2/web-1").status).toBe("warn");
  });
});

test("thresholds from the config, restarts since the last run from --state, log patterns from the config", async () => {
  const dir = join(scratch, "thresholds");
  mkdirSync(dir, { recursive: true });
  const errLog = join(dir, "worker-error.log");
  writeFileSync(
    errLog,
    ["0|worker | boom: queue lost", "0|worker | fine", "0|worker | BOOM: queue lost", "0|worker | other"].join("\n"),
  );
  const entry = (pmId: number, name: string, env: Record<string, unknown>, monit: Record<string, number>) => ({
    pid: process.pid,
    name,
    pm_id: pmId,
    monit,
    pm2_env: { name, pm_id: pmId, status: "online", unstable_restarts: 0, pm_uptime: 0, ...env },
  });
  const jlist = JSON.stringify([
    entry(0, "api", { restart_time: 0 }, { memory: 300 * 1024 * 1024, cpu: 1 }),
    entry(1, "cpu", { restart_time: 0 }, { memory: 1024, cpu: 97 }),
    entry(2, "worker", { restart_time: 17, pm_err_log_path: errLog }, { memory: 1024, cpu: 1 }),
  ]);
  const pm2Bin = scriptedPm2(dir, "", jlist);
  const state = join(dir, "state.json");
  writeFileSync(state, JSON.stringify({ version: 1, hosts: { "web-1": { worker: { restarts: 10, checkedAt: "" } } } }));
  const config = writeConfig({
    "max-memory": "256M",
    "max-cpu": 90,
    "max-restarts": 5,
    "log-patterns": ["boom"],
    hosts: [host("web-1", pm2Bin, { apps: ["api", "cpu", "worker"] })],
  });
  const run = await runCli(["pm2", "--config", config, "--dry-run", "--state", state, "--format", "json"]);
  expect(run.code).toBe(1);
  const results = run.results();
  const api = byId(results, "pm2/web-1/api");
  expect(api.status).toBe("fail");
  expect(api.summary).toMatch(/uses 300\.0MiB \(> max-memory 256\.0MiB\)/);
  expect(api.details.join("\n")).toMatch(/dry run: would run pm2 restart 0/);
  const cpu = byId(results, "pm2/web-1/cpu");
  expect(cpu.status).toBe("warn");
  expect(cpu.summary).toMatch(/97% CPU \(> max-cpu 90%\)/);
  const worker = byId(results, "pm2/web-1/worker");
  expect(worker.status).toBe("fail");
  expect(worker.metrics).toMatchObject({ restarts: 17, restartsSinceLastRun: 7 });
  expect(worker.details.join("\n")).toMatch(/matches: boom: 2/);
  expect(worker.details).toContain("log: boom: queue lost");
  // The next run starts from this run's counts.
  expect(JSON.parse(readFileSync(state, "utf8")).hosts["web-1"].worker.restarts).toBe(17);
});

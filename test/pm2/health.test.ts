import { evaluateApps, needsRecovery, nextHostState, parseState } from "../../src/pm2/health.js";
import type { Pm2App } from "../../src/pm2/jlist.js";
import { parseProbe, probeCommand } from "../../src/pm2/remote-commands.js";
import { describeSshError, LocalTransport, SshTransport } from "../../src/pm2/transport.js";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hostWithDefaults } from "../../src/pm2/settings.js";
import { RecordingLogger } from "../../src/common/logger.js";
import { Redactor } from "../../src/common/redact.js";
import { redactedBackupEntries } from "../../src/pm2/backup.js";
import { summaryRows } from "../../src/pm2/report.js";

const t = hostWithDefaults({ host: "h", maxMemory: 100 * 1024 * 1024, minUptime: 10_000, maxRestarts: 5, maxCpu: 90 });

function app(over: Partial<Pm2App>): Pm2App {
  return {
    name: "api",
    pmId: 0,
    status: "online",
    restarts: 0,
    unstableRestarts: 0,
    uptimeMs: 60_000,
    envKeys: [],
    ...over,
  };
}

describe("evaluateApps", () => {
  test("online and quiet is ok", () => {
    const [v] = evaluateApps([app({})], ["api"], t, undefined);
    expect(v.status).toBe("ok");
    expect(needsRecovery(v)).toBe(false);
  });

  test.each([
    ["stopped", "stopped"],
    ["errored", "errored"],
    ["waiting restart", "waiting-restart"],
  ])("status %s fails and is recoverable", (status, kind) => {
    const [v] = evaluateApps([app({ status, uptimeMs: undefined })], [], t, undefined);
    expect(v.status).toBe("fail");
    expect(v.problems.map((p) => p.kind)).toContain(kind);
    expect(needsRecovery(v)).toBe(true);
  });

  test("launching for longer than allowed fails; briefly launching does not", () => {
    expect(evaluateApps([app({ status: "launching", uptimeMs: 120_000 })], [], t, undefined)[0].status).toBe("fail");
    expect(evaluateApps([app({ status: "launching", uptimeMs: 1_000 })], [], t, undefined)[0].status).toBe("ok");
  });

  test("short uptime after restarts is a crash loop", () => {
    const [v] = evaluateApps([app({ restarts: 4, uptimeMs: 500 })], [], t, undefined);
    expect(v.problems.map((p) => p.kind)).toEqual(["crash-loop"]);
    expect(v.status).toBe("fail");
  });

  test("unstable restarts warn; a crash loop already covers them", () => {
    const [v] = evaluateApps([app({ unstableRestarts: 2 })], [], t, undefined);
    expect(v.problems.map((p) => [p.kind, p.status])).toEqual([["unstable", "warn"]]);
    expect(v.status).toBe("warn");
    expect(needsRecovery(v)).toBe(false);
    const [loop] = evaluateApps([app({ unstableRestarts: 2, restarts: 3, uptimeMs: 500 })], [], t, undefined);
    expect(loop.problems.map((p) => p.kind)).toEqual(["crash-loop"]);
  });

  test("memory over max-memory fails, CPU over max-cpu warns", () => {
    const [v] = evaluateApps([app({ memoryBytes: 200 * 1024 * 1024, cpuPercent: 99 })], [], t, undefined);
    expect(v.problems.map((p) => [p.kind, p.status])).toEqual([
      ["memory", "fail"],
      ["cpu", "warn"],
    ]);
  });

  test("restarts since the last run come from the previous state", () => {
    const prev = { api: { restarts: 10, checkedAt: "" } };
    expect(evaluateApps([app({ restarts: 13 })], [], t, prev)[0].status).toBe("ok");
    const [v] = evaluateApps([app({ restarts: 17 })], [], t, prev);
    expect(v.status).toBe("fail");
    expect(v.restartsSinceLastRun).toBe(7);
    // A lower count than last time: PM2 was reset, every restart is new.
    expect(evaluateApps([app({ restarts: 3 })], [], t, prev)[0].restartsSinceLastRun).toBe(3);
    // Without state, a high total only warns.
    expect(evaluateApps([app({ restarts: 50 })], [], t, undefined)[0].status).toBe("warn");
  });

  test("missing expected apps fail, unexpected ones warn", () => {
    const verdicts = evaluateApps([app({ name: "extra" })], ["api"], t, undefined);
    expect(verdicts.map((v) => [v.app, v.status, v.problems[0]?.kind])).toEqual([
      ["api", "fail", "missing"],
      ["extra", "warn", "unexpected"],
    ]);
  });

  test("cluster instances are one app; one bad instance fails it", () => {
    const verdicts = evaluateApps(
      [app({ pmId: 0 }), app({ pmId: 1, status: "errored", uptimeMs: undefined })],
      [],
      t,
      undefined,
    );
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0].status).toBe("fail");
    expect(verdicts[0].problems[0].pmIds).toEqual([1]);
    expect(nextHostState(verdicts, new Date(0))).toEqual({
      api: { restarts: 0, checkedAt: "1970-01-01T00:00:00.000Z" },
    });
  });
});

test("parseState rejects what is not a state file", () => {
  expect(() => parseState("nope", "s.json")).toThrow(/s\.json: state is not JSON/);
  expect(() => parseState('{"version":2}', "s.json")).toThrow(/version/);
  expect(parseState('{"version":1,"hosts":{"h":{"a":{"restarts":2}}}}', "s").hosts.h.a.restarts).toBe(2);
});

test("the probe passes names as parameters and its output parses", () => {
  const argv = probeCommand("/srv/pm2 home", "/opt/x; rm -rf /", true, 7);
  expect(argv.slice(-4)).toEqual(["/srv/pm2 home", "/opt/x; rm -rf /", "jlist", "7"]);
  expect(probeCommand(undefined, "pm2").at(-1)).toBe("");
  expect(
    parseProbe('pm2-bin=found\ndaemon=alive\ndump=absent\nhome=/h\njlist-begin\n[{"a":1}]\njlist-exit=0\n')?.jlist,
  ).toEqual({
    stdout: '[{"a":1}]',
    exitCode: 0,
  });
  expect(parseProbe("Welcome!\npm2-bin=found\ndaemon=alive\ndump=present\nhome=/root/.pm2\n")).toEqual({
    pm2Found: true,
    daemon: "alive",
    dumpPresent: true,
    home: "/root/.pm2",
    remoteTimeout: false,
  });
  expect(parseProbe("pm2-bin=found\ndaemon=alive\ndump=absent\nhome=/h\ntimeout=usable\n")?.remoteTimeout).toBe(true);
  expect(parseProbe("bash: garbage")).toBeUndefined();
});

test("ssh argv: our options first, then --, the host, and one quoted command", () => {
  const settings = {
    name: "web",
    host: "-oProxyCommand=evil",
    port: 2222,
    user: "deploy",
    identityFile: "/tmp/k",
    knownHostsFile: "/tmp/kh",
  };
  expect(() => hostWithDefaults(settings)).toThrow(/host web: host "-oProxyCommand=evil" is not a host name/);
  // Settings refuse such a host; the argv would still keep it a destination, never an option.
  const host = { ...hostWithDefaults({ ...settings, transport: "local" }), transport: "ssh" as const };
  const ssh = new SshTransport(host, {
    logger: new RecordingLogger(),
    redactor: new Redactor(),
    commandTimeout: 1000,
    connectTimeout: 5000,
    controlDir: "/tmp/x",
    controlName: "c0",
  });
  const args = ssh.sshArgs("pm2 jlist");
  expect(args.slice(0, 6)).toEqual([
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    "UserKnownHostsFile=/tmp/kh",
  ]);
  expect(args).toContain("ConnectTimeout=5");
  expect(args).toContain("ControlPath=/tmp/x/c0");
  expect(args).toContain("ControlMaster=auto");
  expect(args).toContain("ServerAliveInterval=15");
  expect(args).toContain("IdentityFile=/tmp/k");
  expect(args.join(" ")).not.toMatch(/StrictHostKeyChecking=(no|accept-new)|UserKnownHostsFile=\/dev\/null/);
  expect(args.slice(-3)).toEqual(["--", "-oProxyCommand=evil", "pm2 jlist"]);
});

test("ssh errors are named for a person", () => {
  expect(describeSshError("Host key verification failed.\r\n")).toMatch(/host key not trusted.*no command was run/);
  expect(describeSshError("root@127.0.0.1: Permission denied (publickey).")).toMatch(/authentication failed/);
  expect(describeSshError("ssh: connect to host 127.0.0.1 port 1: Connection refused")).toMatch(/connection refused/);
  expect(describeSshError("Connection timed out during banner exchange")).toMatch(/connect timeout/);
});

test("backup copies of JSON and YAML ecosystem files lose every env value", () => {
  const r = new Redactor();
  const json = JSON.stringify({
    apps: [
      {
        name: "a",
        script: "a.js",
        env: { PLAIN: "v1-plain", DB: "postgres://u:p@h/db" },
        env_production: { X: "prod-val" },
      },
    ],
  });
  const out = redactedBackupEntries("/srv/ecosystem.json", json, r);
  expect(out.backup[0].path).toBe("ecosystem.json");
  expect(out.backup[0].content).not.toMatch(/v1-plain|postgres|prod-val/);
  expect(out.backup[0].content).toMatch(/"PLAIN": "\*\*\*"/);
  const yaml = "apps:\n  - name: a\n    env:\n      TOKEN: yaml-secret-value\n";
  expect(redactedBackupEntries("e.yml", yaml, r).backup[0].content).not.toContain("yaml-secret-value");
  const js = redactedBackupEntries("ecosystem.config.js", "module.exports = { apps: [] }", r);
  expect(js.backup).toEqual([]);
  expect(js.notes[0]).toMatch(/left out/);
  const bad = redactedBackupEntries("e.json", '{"apps": [{"env": {"K": "half-secret"', r);
  expect(bad.backup).toEqual([]);
  expect(bad.notes.join()).not.toContain("half-secret");
});

test("summary rows show restarts, memory, uptime and actions", () => {
  const rows = summaryRows([
    { id: "pm2/web", kind: "pm2", status: "ok", summary: "", details: [] },
    {
      id: "pm2/web/api",
      kind: "pm2",
      status: "warn",
      summary: "",
      details: [],
      metrics: { restarts: 3, restartsSinceLastRun: 1, memoryBytes: 1048576, uptimeMs: 65_000 },
      recovery: [{ action: "pm2 restart 0", ok: true, detail: "" }],
    },
  ]);
  expect(rows).toEqual([
    {
      host: "web",
      app: "api",
      status: "warn",
      restarts: "3 (+1)",
      memory: "1.0MiB",
      uptime: "1m5s",
      action: "pm2 restart 0 ok",
    },
  ]);
});

test("the probe, run by a real shell, never executes names or paths", async () => {
  const dir = mkdtempSync(join(tmpdir(), "probe-"));
  try {
    const m1 = join(dir, "m1");
    const m2 = join(dir, "m2");
    const shell = new LocalTransport("local", {
      logger: new RecordingLogger(),
      redactor: new Redactor(),
      commandTimeout: 10_000,
      connectTimeout: 1000,
    });
    const result = await shell.run(probeCommand(`$(touch ${m1})`, `x; touch ${m2}`, true));
    const probe = parseProbe(result.stdout);
    expect(probe).toMatchObject({ pm2Found: false, daemon: "down", home: `$(touch ${m1})` });
    expect(probe?.jlist).toBeUndefined();
    expect(existsSync(m1) || existsSync(m2)).toBe(false);
    // This machine has coreutils `timeout`: asked for with a bound, the probe finds it usable.
    expect(parseProbe((await shell.run(probeCommand(dir, "sh", false, 5))).stdout)?.remoteTimeout).toBe(true);
    expect(parseProbe((await shell.run(probeCommand(dir, "sh"))).stdout)?.remoteTimeout).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * A hostile remote side and unsafe settings: names, paths and pids that come from `pm2 jlist`
 * or a host's files, and SSH targets from config, against a real sshd on 127.0.0.1 and a real shell.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { RecordingLogger } from "../../src/common/logger.js";
import { Redactor } from "../../src/common/redact.js";
import { parseProbe, probeCommand, unreadableLogPath } from "../../src/pm2/remote-commands.js";
import { checkSshTarget, hostWithDefaults } from "../../src/pm2/settings.js";
import { LocalTransport, SshTransport } from "../../src/pm2/transport.js";
import { startSshd, type SshdFixture } from "../support/sshd.js";
import { byId, runCli, writeConfig, removeConfigs } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "pm2sec-"));
const tag = randomBytes(4).toString("hex");
let sshd: SshdFixture;

beforeAll(async () => {
  sshd = await startSshd();
});

afterAll(async () => {
  removeConfigs();
  await sshd?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("SSH targets from settings", () => {
  const target = (over: { host?: string; user?: string; jumpHost?: string }) => () =>
    checkSshTarget({ name: "web-1", host: "web-1.example.com", ...over });

  test.each(["web-1.example.com", "10.0.0.7", "::1", "fe80::1%eth0", "bastion_2"])("host %s passes", (host) => {
    expect(target({ host })).not.toThrow();
  });

  test.each(["-oProxyCommand=touch /tmp/x", "a;b", "$(id)", "h`id`", "h o", ""])("host %j is refused", (host) => {
    expect(target({ host })).toThrow(/^host web-1: host .* is not a host name or IP address$/);
  });

  test("user and jump host: plain names only", () => {
    expect(target({ user: "deploy", jumpHost: "ops@bastion.example.com:2222" })).not.toThrow();
    expect(target({ jumpHost: "[::1]:22" })).not.toThrow();
    expect(target({ user: "-oProxyCommand=x" })).toThrow(/user "-oProxyCommand=x" is not a user name/);
    // ssh pastes a jump host into its ProxyCommand, a shell command line.
    expect(target({ jumpHost: "$(touch${IFS}/tmp/pwned)" })).toThrow(/jump-host .* is not \[user@\]host\[:port\]/);
    expect(target({ jumpHost: "a;b@c" })).toThrow(/jump-host/);
  });

  test("from the config file, the message names file, key and host", async () => {
    const config = writeConfig({ hosts: [{ name: "web-1", host: "127.0.0.1", "jump-host": "x`id`" }] });
    const run = await runCli(["pm2", "--config", config]);
    expect(run.code).toBe(2);
    // The schema's own pattern or our check: either way the file and the key are named.
    expect(run.stderr).toMatch(/redundancy\.yml.*pm2\.hosts\[0\]\.jump-host/);
    const config2 = writeConfig({ hosts: [{ name: "web-2", host: "-oProxyCommand=touch" }] });
    const run2 = await runCli(["pm2", "--config", config2]);
    expect(run2.code).toBe(2);
    expect(run2.stderr).toMatch(/redundancy\.yml: pm2\.hosts\[0\]\.host: host web-2: host "-oProxyCommand=touch"/);
  });

  test("paths in ssh options keep a literal %, and the key travels as a file path only", () => {
    const host = hostWithDefaults({
      name: "web",
      host: "127.0.0.1",
      identityFile: "/tmp/100%h/id_key",
      knownHostsFile: "/tmp/known %u",
    });
    const ssh = new SshTransport(host, {
      logger: new RecordingLogger(),
      redactor: new Redactor(),
      commandTimeout: 1000,
      connectTimeout: 1000,
      controlDir: "/tmp/x",
      controlName: "c0",
    });
    const args = ssh.sshArgs("true");
    expect(args).toContain("IdentityFile=/tmp/100%%h/id_key");
    expect(args).toContain('UserKnownHostsFile="/tmp/known %%u"');
    expect(args.join(" ")).not.toMatch(/PRIVATE KEY/);
  });
});

test("a log path from pm2 jlist is read only when it can be an app's log", () => {
  expect(unreadableLogPath("/home/deploy/.pm2/logs/api-error.log")).toBeUndefined();
  expect(unreadableLogPath("/var/log/api/error.log")).toBeUndefined();
  expect(unreadableLogPath("/etc/shadow")).toBe("is in a system directory");
  expect(unreadableLogPath("/proc/self/environ")).toBe("is in a system directory");
  expect(unreadableLogPath("/var/log/../../etc/shadow")).toBe("holds . or .. segments");
  expect(unreadableLogPath("; rm -rf /")).toBe("not an absolute path");
  expect(unreadableLogPath("/tmp/a\nb")).toBe("holds control characters");
  expect(unreadableLogPath("/home/deploy/.ssh/id_ed25519")).toBe("is in a key directory");
});

test("a pm2.pid that is not a plain number never counts as a live daemon", async () => {
  const home = join(scratch, "pidhome");
  mkdirSync(home, { recursive: true });
  const shell = new LocalTransport("local", {
    logger: new RecordingLogger(),
    redactor: new Redactor(),
    commandTimeout: 10_000,
    connectTimeout: 1000,
  });
  const daemonFor = async (pidText: string) => {
    writeFileSync(join(home, "pm2.pid"), pidText);
    return parseProbe((await shell.run(probeCommand(home, "sh"))).stdout)?.daemon;
  };
  // `kill -0 -1` succeeds as root: it would have said "alive".
  expect(await daemonFor("-1")).toBe("down");
  expect(await daemonFor(`${process.pid}; touch ${join(scratch, "pid-pwned")}`)).toBe("down");
  expect(await daemonFor(String(process.pid))).toBe("alive");
  expect(await daemonFor(`${process.pid}\n`)).toBe("alive");
  expect(existsSync(join(scratch, "pid-pwned"))).toBe(false);
});

describe("a hostile pm2 on the remote side", () => {
  const pwned = [`/tmp/pwned-sec1-${tag}`, `/tmp/pwned-sec2-${tag}`, `/tmp/pwned-sec3-${tag}`];
  const innocentSecret = `innocent-planted-${randomBytes(8).toString("hex")}`;
  const calls = join(scratch, "pm2-calls");
  const leakyLog = join(scratch, "leaky-error.log");

  function jlist(): string {
    const now = Date.now();
    const app = (pmId: number, name: string, status: string, errLog: string, env: Record<string, string> = {}) => ({
      pid: 0,
      name,
      pm_id: pmId,
      monit: { memory: 0, cpu: 0 },
      pm2_env: {
        name,
        pm_id: pmId,
        status,
        restart_time: 0,
        unstable_restarts: 0,
        pm_uptime: now,
        pm_err_log_path: errLog,
        env,
      },
    });
    return JSON.stringify([
      app(0, `x; touch ${pwned[0]}`, "stopped", "/etc/shadow"),
      app(1, "-s", "errored", `; touch ${pwned[1]}`),
      app(2, "--help", "stopped", "/var/log/../../etc/passwd"),
      app(3, "leaky", "errored", leakyLog, { INNOCENT_NAME: innocentSecret }),
    ]);
  }

  test("names stay names, recovery uses pm_ids, system files are not read, env values are redacted", async () => {
    const home = join(scratch, "home");
    mkdirSync(home, { recursive: true });
    // The daemon check needs a live pid: the test process stands in for the PM2 daemon.
    writeFileSync(join(home, "pm2.pid"), String(process.pid));
    writeFileSync(join(scratch, "jlist.json"), jlist());
    writeFileSync(leakyLog, `Error: login failed with ${innocentSecret}\nError: login failed with ${innocentSecret}\n`);
    const eco = join(scratch, "eco.json");
    const ecoApps = ["-f", "--help", `$(touch ${pwned[2]})`].map((name) => ({ name, script: "idle.js" }));
    writeFileSync(eco, JSON.stringify({ apps: ecoApps }));
    // Records every call, one argument a line and a blank line after each call.
    const pm2Bin = join(scratch, "pm2");
    writeFileSync(
      pm2Bin,
      `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done >> '${calls}'; echo >> '${calls}'\nif [ "$1" = jlist ]; then cat '${join(scratch, "jlist.json")}'; fi\nexit 0\n`,
    );
    chmodSync(pm2Bin, 0o755);
    const config = writeConfig({
      "max-restart-attempts": 2,
      "settle-time": "0s",
      hosts: [
        {
          name: "web-1",
          host: "127.0.0.1",
          port: sshd.port,
          user: "root",
          "pm2-home": home,
          "pm2-bin": pm2Bin,
          "ecosystem-file": eco,
          "identity-file": sshd.clientKeyPath,
          "known-hosts": sshd.knownHostsPath,
        },
      ],
    });
    const run = await runCli(["pm2", "--config", config, "--format", "json"]);
    const results = run.results();

    for (const f of pwned) expect(existsSync(f)).toBe(false);
    const recorded = readFileSync(calls, "utf8")
      .split("\n\n")
      .filter((c) => c.trim() !== "")
      .map((c) => c.split("\n"));
    const shapes = new Set(
      recorded.map(
        (argv) =>
          `${argv[0]} ${argv
            .slice(1)
            .map((a) => (/^\d+$/.test(a) ? "N" : a))
            .join(" ")}`,
      ),
    );
    expect([...shapes].sort()).toEqual(
      ["jlist ", "restart N", "delete N", "start ./eco.json --only=-f", "start ./eco.json --only=--help"].sort(),
    );
    // The same names as data in the report.
    expect(byId(results, "pm2/web-1/-f").recovery?.[0].action).toBe(`pm2 start ${eco} --only -f`);
    expect(byId(results, `pm2/web-1/x; touch ${pwned[0]}`).status).toBe("fail");

    const details = (app: string) => byId(results, `pm2/web-1/${app}`).details.join("\n");
    expect(details("-s")).toMatch(/error log not read: the path pm2 jlist gives for it not an absolute path/);
    const leaky = details("leaky");
    expect(leaky).toMatch(/log: Error: login failed with \*\*\*/);
    const everything = run.stdout + run.stderr;
    expect(everything).not.toContain(innocentSecret);
    expect(everything).not.toMatch(/root:[^\s]*:\d+:/);
  });
});

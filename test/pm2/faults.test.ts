/** What users see when hosts, keys or pm2 misbehave: each fault against a real sshd on 127.0.0.1. */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecordingLogger } from "../../src/common/logger.js";
import { Redactor } from "../../src/common/redact.js";
import { hostWithDefaults } from "../../src/pm2/settings.js";
import { SshTransport } from "../../src/pm2/transport.js";
import { freePort, startSshd, type SshdFixture } from "../support/sshd.js";
import { startPm2Daemon, type Pm2DaemonFixture } from "../support/pm2-daemon.js";
import { byId, runCli, sshHost, writeConfig, removeConfigs } from "./helpers.js";

let sshd: SshdFixture;
let pm2: Pm2DaemonFixture;
const scratch = mkdtempSync(join(tmpdir(), "pm2faults-"));

beforeAll(async () => {
  sshd = await startSshd();
  pm2 = await startPm2Daemon();
});

afterAll(async () => {
  removeConfigs();
  await pm2?.stop();
  await sshd?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function script(name: string, body: string): string {
  const path = join(scratch, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

test("unknown host key: refused before any command runs", async () => {
  const otherKey = join(scratch, "other_host_key");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey]);
  const wrongKnownHosts = join(scratch, "wrong_known_hosts");
  const pub = readFileSync(`${otherKey}.pub`, "utf8").split(" ").slice(0, 2).join(" ");
  writeFileSync(wrongKnownHosts, `[127.0.0.1]:${sshd.port} ${pub}\n`);
  const marker = join(scratch, "ran-anyway");
  const host = hostWithDefaults({
    name: "web-1",
    host: "127.0.0.1",
    port: sshd.port,
    user: "root",
    identityFile: sshd.clientKeyPath,
    knownHostsFile: wrongKnownHosts,
  });
  const controlDir = mkdtempSync("/tmp/rdy-test-");
  const ssh = new SshTransport(host, {
    logger: new RecordingLogger(),
    redactor: new Redactor(),
    commandTimeout: 20_000,
    connectTimeout: 5_000,
    controlDir,
    controlName: "c0",
  });
  const result = await ssh.run(["touch", marker]);
  await ssh.close();
  rmSync(controlDir, { recursive: true, force: true });
  expect(ssh.transportFailure(result)).toMatch(/web-1 .*host key not trusted/);
  expect(existsSync(marker)).toBe(false);

  // The same through the CLI: the host is unknown, no app result is invented.
  const config = writeConfig({ hosts: [sshHost(sshd, pm2, { "known-hosts": wrongKnownHosts })] });
  const run = await runCli(["pm2", "--config", config, "--format", "json"]);
  expect(run.code).toBe(1);
  const results = run.results();
  expect(results).toHaveLength(1);
  expect(results[0]).toMatchObject({ id: "pm2/web-1", status: "unknown" });
  expect(results[0].summary).toMatch(/host key not trusted/);
});

test("a wrong key is an authentication failure", async () => {
  const key = join(scratch, "stranger_key");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]);
  const config = writeConfig({ hosts: [sshHost(sshd, pm2, { "identity-file": key })] });
  const run = await runCli(["pm2", "--config", config, "--format", "json"]);
  expect(byId(run.results(), "pm2/web-1")).toMatchObject({ status: "unknown" });
  expect(byId(run.results(), "pm2/web-1").summary).toMatch(/authentication failed/);
});

test("closed port and a silent TCP peer are unknown; the healthy host still gets its results", async () => {
  const closed = await freePort();
  const sockets: Socket[] = [];
  const silent: Server = createServer((s) => {
    sockets.push(s);
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const address = silent.address();
  const silentPort = typeof address === "object" && address ? address.port : 0;
  try {
    const config = writeConfig({
      "connect-timeout": "2s",
      hosts: [
        sshHost(sshd, pm2, { name: "closed", port: closed }),
        sshHost(sshd, pm2, { name: "silent", port: silentPort }),
        sshHost(sshd, pm2, { name: "good" }),
      ],
    });
    const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
    const results = run.results();
    expect(byId(results, "pm2/closed")).toMatchObject({ status: "unknown" });
    expect(byId(results, "pm2/closed").summary).toMatch(
      /^closed \(root@127\.0\.0\.1:\d+\): unreachable: connection refused/,
    );
    expect(byId(results, "pm2/silent")).toMatchObject({ status: "unknown" });
    expect(byId(results, "pm2/silent").summary).toMatch(/^silent .*(timeout|timed out)/);
    expect(byId(results, "pm2/good").status).toBe("ok");
    expect(byId(results, `pm2/good/${pm2.names.healthy}`).status).toBe("ok");
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});

test("pm2 missing on the host: the message says to set pm2-bin", async () => {
  const config = writeConfig({ hosts: [sshHost(sshd, pm2, { "pm2-bin": "/nonexistent/bin/pm2" })] });
  const run = await runCli(["pm2", "--config", config, "--format", "json"]);
  const host = byId(run.results(), "pm2/web-1");
  expect(host.status).toBe("fail");
  expect(host.summary).toMatch(/pm2 not runnable as '\/nonexistent\/bin\/pm2'.*set pm2-bin/);
  // pm2 found but its interpreter is not (`#!/usr/bin/env node` without node on PATH).
  const noNode = script("pm2-without-node", "echo \"env: 'node': No such file or directory\" >&2; exit 127");
  const run2 = await runCli([
    "pm2",
    "--config",
    writeConfig({ hosts: [sshHost(sshd, pm2, { "pm2-bin": noNode })] }),
    "--format",
    "json",
  ]);
  expect(byId(run2.results(), "pm2/web-1").summary).toMatch(/set pm2-bin/);
});

test.each([
  ["garbage", 'echo "Welcome to the machine"; echo "not json at all"'],
  ["truncated", `printf '[{"name":"api","pm_id":0,"pm2_env":{"status":"onl'`],
])("%s jlist output is unknown, never a crash", async (_label, body) => {
  const fake = script(`pm2-${_label}`, `if [ "$1" = jlist ]; then ${body}; exit 0; fi\nexit 3`);
  const config = writeConfig({ hosts: [sshHost(sshd, pm2, { "pm2-bin": fake })] });
  const run = await runCli(["pm2", "--config", config, "--format", "json"]);
  const host = byId(run.results(), "pm2/web-1");
  expect(host.status).toBe("unknown");
  expect(host.summary).toMatch(/cannot read pm2 jlist/);
});

test("sshd killed mid-check: unknown with the step named", async () => {
  const own = await startSshd();
  try {
    const started = join(scratch, "jlist-started");
    const slow = script("pm2-slow", `if [ "$1" = jlist ]; then touch '${started}'; sleep 30; fi\nexit 0`);
    const config = writeConfig({ hosts: [sshHost(own, pm2, { "pm2-bin": slow })] });
    const pending = runCli(["pm2", "--config", config, "--format", "json"]);
    for (let i = 0; i < 400 && !existsSync(started); i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(started)).toBe(true);
    own.kill();
    const run = await pending;
    const host = byId(run.results(), "pm2/web-1");
    expect(host.status).toBe("unknown");
    expect(host.summary).toMatch(/connection lost|ssh failed/);
    expect(host.summary).toMatch(/\[during (daemon check|pm2 jlist)\]/);
  } finally {
    await own.stop();
  }
});

test("through a jump host: the jump connection gets the same strict options", async () => {
  const before = sshd.acceptedLogins();
  // ssh refuses a jump host equal to the target: reach the same sshd as "localhost".
  const both = join(scratch, "known_hosts_both");
  writeFileSync(both, `${sshd.knownHostsLine}\n${sshd.knownHostsLine.replace("[127.0.0.1]", "[localhost]")}\n`);
  const jump = `root@localhost:${sshd.port}`;
  const config = writeConfig({ hosts: [sshHost(sshd, pm2, { "jump-host": jump, "known-hosts": both })] });
  const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
  expect(byId(run.results(), "pm2/web-1")).toMatchObject({ status: "ok" });
  expect(byId(run.results(), `pm2/web-1/${pm2.names.healthy}`).status).toBe("ok");
  // One handshake with the jump host, one with the target through it.
  expect(sshd.acceptedLogins() - before).toBe(2);
  // A jump host we do not trust is refused like any other.
  const otherKey = join(scratch, "jump_host_key");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey]);
  const pub = readFileSync(`${otherKey}.pub`, "utf8").split(" ").slice(0, 2).join(" ");
  const jumpOnly = join(scratch, "target_only_known_hosts");
  writeFileSync(jumpOnly, `${sshd.knownHostsLine}\n[localhost]:${sshd.port} ${pub}\n`);
  const refused = await runCli([
    "pm2",
    "--config",
    writeConfig({
      hosts: [sshHost(sshd, pm2, { "jump-host": jump, "known-hosts": jumpOnly })],
    }),
    "--format",
    "json",
  ]);
  expect(byId(refused.results(), "pm2/web-1")).toMatchObject({ status: "unknown" });
  expect(byId(refused.results(), "pm2/web-1").summary).toMatch(/host key|connection lost/);
});

test("local transport runs the same checks without SSH", async () => {
  const config = writeConfig({
    hosts: [
      { name: "self", transport: "local", "pm2-home": pm2.home, "pm2-bin": pm2.pm2Bin, apps: [pm2.names.healthy] },
    ],
  });
  const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
  const results = run.results();
  expect(byId(results, "pm2/self").status).toBe("ok");
  expect(byId(results, `pm2/self/${pm2.names.healthy}`).status).toBe("ok");
  // Running but not in `apps`: a warning at least, never ok.
  expect(byId(results, `pm2/self/${pm2.names.crashing}`).summary).toMatch(/not expected|crash|errored/);
  expect(byId(results, `pm2/self/${pm2.names.crashing}`).status).not.toBe("ok");
});

test("insecure-skip-host-key-check connects without known_hosts and warns every run", async () => {
  const config = writeConfig({
    "insecure-skip-host-key-check": true,
    hosts: [sshHost(sshd, pm2, { "known-hosts": undefined })],
  });
  for (let i = 0; i < 2; i += 1) {
    const run = await runCli(["pm2", "--config", config, "--dry-run", "--format", "json"]);
    expect(byId(run.results(), "pm2/web-1").status).toBe("ok");
    expect(run.stderr).toMatch(/INSECURE: host key checking is OFF for web-1/);
  }
});

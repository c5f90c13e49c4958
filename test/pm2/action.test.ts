/** The pm2-remote-health bundle run the way the runner runs it (node24), against a real sshd and PM2 daemon. */
import { existsSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CheckResult } from "../../src/common/result.js";
import { runAction } from "../harness/run-action.js";
import { writeConfig, removeConfigs } from "./helpers.js";
import { startSshd, type SshdFixture } from "../support/sshd.js";
import { startPm2Daemon, type Pm2DaemonFixture } from "../support/pm2-daemon.js";

let sshd: SshdFixture;
let pm2: Pm2DaemonFixture;

beforeAll(async () => {
  sshd = await startSshd();
  pm2 = await startPm2Daemon();
  await pm2.waitForCrashLoop();
});

afterAll(async () => {
  removeConfigs();
  await pm2?.stop();
  await sshd?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    host: "127.0.0.1",
    port: String(sshd.port),
    user: "root",
    name: "web-1",
    "pm2-home": pm2.home,
    "pm2-bin": pm2.pm2Bin,
    "ecosystem-file": pm2.ecosystemFile,
    "ssh-private-key": sshd.clientKeyText,
    "known-hosts": sshd.knownHostsLine,
    "settle-time": "1s",
    "max-restart-attempts": "1",
    ...extra,
  };
}

test("dry run: outputs, summary and annotations; the key file is 0600 while the job runs", async () => {
  const result = await runAction("pm2-remote-health", {
    inputs: inputs({ "dry-run": "true" }),
    node: "24",
    post: false,
    keepTemp: true,
  });
  try {
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe("fail");
    const report = JSON.parse(result.outputs["report-json"]) as CheckResult[];
    expect(report.find((r) => r.id === "pm2/web-1/healthy")?.status).toBe("ok");
    expect(report.find((r) => r.id === "pm2/web-1/stopped")?.status).toBe("fail");
    expect(report.find((r) => r.id === "pm2/web-1/crashing")?.status).toBe("fail");
    const missing = report.find((r) => r.id === `pm2/web-1/${pm2.names.missing}`);
    expect(missing?.status).toBe("fail");
    expect(missing?.summary).toMatch(/expected but not in PM2's process list/);
    expect(report.every((r) => r.recovery === undefined)).toBe(true);
    expect(result.summary).toMatch(/\| Host \| App \| Status \| Restarts \| Memory \| Uptime \| Action taken \|/);
    expect(result.summary).toMatch(/\| web-1 \| healthy \| ✅ ok \|/);
    expect(result.annotations.some((a) => a.level === "error" && a.message.startsWith("pm2/web-1/crashing"))).toBe(
      true,
    );
    const dir = result.state["pm2-secrets-dir"];
    expect(dir.startsWith(result.files.runnerTemp)).toBe(true);
    expect(statSync(join(dir, "id_key")).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // ssh gets the key as a path (the debug log shows every argv), never as text.
    expect(result.stdout).toContain(`IdentityFile=${join(dir, "id_key")}`);
    // ::add-mask:: is how the key reaches the runner's masker; nothing else may carry it.
    const stdout = result.stdout
      .split("\n")
      .filter((l) => !l.startsWith("::add-mask::"))
      .join("\n");
    const everything = [stdout, result.stderr, result.summary, JSON.stringify(result.outputs)].join("\n");
    expect(everything).not.toContain(pm2.secret);
    for (const line of sshd.clientKeyText.split("\n").slice(1, -2)) expect(everything).not.toContain(line);
    const apps = await pm2.jlist();
    expect(apps.find((a) => a.name === "stopped")?.status).toBe("stopped");
    expect(apps.some((a) => a.name === pm2.names.missing)).toBe(false);
  } finally {
    rmSync(result.files.root, { recursive: true, force: true });
  }
});

test("PM2_AUTO_RECOVERY=false from the environment: detection only, nothing changed", async () => {
  const result = await runAction("pm2-remote-health", {
    inputs: inputs(),
    env: { PM2_AUTO_RECOVERY: "false" },
    node: "24",
    post: false,
  });
  expect(result.exitCode).toBe(1);
  const report = JSON.parse(result.outputs["report-json"]) as CheckResult[];
  const stopped = report.find((r) => r.id === "pm2/web-1/stopped");
  expect(stopped?.status).toBe("fail");
  expect(stopped?.recovery).toBeUndefined();
  expect(stopped?.details.join("\n")).toMatch(/auto-recovery off: would run pm2 restart \d+/);
  const apps = await pm2.jlist();
  expect(apps.find((a) => a.name === "stopped")?.status).toBe("stopped");
  expect(apps.some((a) => a.name === pm2.names.missing)).toBe(false);
});

test("recovery through the bundle; the post step removes key and known_hosts", async () => {
  const result = await runAction("pm2-remote-health", { inputs: inputs(), node: "24" });
  const report = JSON.parse(result.outputs["report-json"]) as CheckResult[];
  const stopped = report.find((r) => r.id === "pm2/web-1/stopped");
  expect(stopped?.status).toBe("warn");
  expect(stopped?.recovery?.[0]).toMatchObject({ ok: true });
  const crashing = report.find((r) => r.id === "pm2/web-1/crashing");
  expect(crashing?.status).toBe("fail");
  expect(crashing?.recovery?.map((s) => s.action.replace(/ \d+/g, " N"))).toEqual(["pm2 restart N", "give up"]);
  const missing = report.find((r) => r.id === `pm2/web-1/${pm2.names.missing}`);
  expect(missing?.status).toBe("warn");
  expect(missing?.recovery?.[0]).toMatchObject({
    action: expect.stringMatching(/^pm2 start .*ecosystem\.json --only missing-app$/),
    ok: true,
  });
  expect(report.find((r) => r.id === "pm2/web-1/healthy")?.status).toBe("ok");
  expect(result.exitCode).toBe(1);
  expect(result.summary).toMatch(/\| web-1 \| stopped \| ⚠️ warn \| .* \| pm2 restart \d+ ok \|/);
  expect(result.summary).toMatch(/\| web-1 \| missing-app \| ⚠️ warn \| .* \| pm2 start .* ok \|/);
  const apps = await pm2.jlist();
  expect(apps.find((a) => a.name === "stopped")?.status).toBe("online");
  expect(apps.find((a) => a.name === pm2.names.missing)?.status).toBe("online");
  expect(JSON.parse(result.outputs["state-json"]).hosts["web-1"].healthy.restarts).toBe(0);
  const everything = [result.stdout, result.stderr, result.summary, JSON.stringify(result.outputs)].join("\n");
  expect(everything).not.toContain(pm2.secret);
  expect(result.post?.exitCode).toBe(0);
  expect(existsSync(result.state["pm2-secrets-dir"])).toBe(false);
  for (const f of pm2.pwnedFiles) expect(existsSync(f)).toBe(false);
});

test("no known host key: refuses to connect, says which input to set", async () => {
  const before = sshd.acceptedLogins();
  const result = await runAction("pm2-remote-health", { inputs: inputs({ "known-hosts": "" }), node: "24" });
  expect(result.exitCode).toBe(1);
  expect(result.stdout).toMatch(/::error::.*host web-1: no known host key: set the known-hosts input/);
  expect(sshd.acceptedLogins()).toBe(before);
  expect(result.post?.exitCode).toBe(0);
});

test("hosts from the config file, with inline known_hosts and the action's key", async () => {
  const config = writeConfig({
    hosts: [
      {
        name: "cfg-host",
        host: "127.0.0.1",
        port: sshd.port,
        user: "root",
        "pm2-home": pm2.home,
        "pm2-bin": pm2.pm2Bin,
        apps: ["healthy"],
        "known-hosts": sshd.knownHostsLine,
      },
    ],
  });
  const result = await runAction("pm2-remote-health", {
    inputs: { config, "ssh-private-key": sshd.clientKeyText, "dry-run": "true" },
    node: "24",
  });
  const report = JSON.parse(result.outputs["report-json"]) as CheckResult[];
  expect(report.find((r) => r.id === "pm2/cfg-host")?.status).toBe("ok");
  expect(report.find((r) => r.id === "pm2/cfg-host/healthy")?.status).toBe("ok");
  expect(result.stdout).not.toContain(pm2.secret);
  expect(result.post?.exitCode).toBe(0);
});

test("bad inputs fail the step naming the input, before any connection; the post step still cleans up", async () => {
  const before = sshd.acceptedLogins();
  const size = await runAction("pm2-remote-health", { inputs: inputs({ "max-memory": "12 parsecs" }), node: "24" });
  expect(size.exitCode).toBe(1);
  expect(size.annotations.filter((a) => a.level === "error").map((a) => a.message)).toEqual([
    expect.stringMatching(/max-memory.*12 parsecs/),
  ]);
  expect(size.post?.exitCode).toBe(0);
  const noHost = await runAction("pm2-remote-health", {
    inputs: { "ssh-private-key": sshd.clientKeyText },
    node: "24",
    post: false,
  });
  expect(noHost.exitCode).toBe(1);
  expect(noHost.stdout).toMatch(
    /::error::.*no host: set the host input, or list pm2\.hosts in \.github\/redundancy\.yml \(not found\)/,
  );
  expect(sshd.acceptedLogins()).toBe(before);
  // ::add-mask:: lines hand the key to the runner's masker; nothing else may carry it.
  const everything = [size.stdout, size.stderr, noHost.stdout, noHost.stderr]
    .join("\n")
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
  for (const line of sshd.clientKeyText.split("\n").slice(1, -2)) expect(everything).not.toContain(line);
});

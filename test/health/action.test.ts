/** The root action (dist/health) run the way the runner runs it: validate always, pm2 against a real sshd + PM2 daemon. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { CheckResult } from "../../src/common/result.js";
import { REPO_ROOT } from "../harness/node-runtime.js";
import { runAction, type RunActionOptions } from "../harness/run-action.js";
import { startPm2Daemon, type Pm2DaemonFixture } from "../support/pm2-daemon.js";
import { startSshd, type SshdFixture } from "../support/sshd.js";

const CLEAN_WORKFLOW = `name: ok
on: push
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo hello
`;

// Two errors: an unknown event (line 2) and an untrusted expression pasted into a script (line 7).
const BROKEN_WORKFLOW = `name: broken
on: pushh
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ github.event.issue.title }}
`;

const workspaces: string[] = [];

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "health-ws-"));
  workspaces.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function runHealth(ws: string, options: RunActionOptions = {}) {
  return runAction("health", {
    actionDir: REPO_ROOT,
    node: "24",
    ...options,
    env: { GITHUB_WORKSPACE: ws, ...options.env },
  });
}

function report(outputs: Record<string, string>): CheckResult[] {
  return JSON.parse(outputs["report-json"]) as CheckResult[];
}

afterAll(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("no pm2 hosts: one validate result per workflow, worst status fail, one summary table; fail-on never passes", async () => {
  const ws = workspace({ ".github/workflows/ok.yml": CLEAN_WORKFLOW, ".github/workflows/broken.yml": BROKEN_WORKFLOW });
  const result = await runHealth(ws);
  expect(result.exitCode).toBe(1);
  expect(result.outputs.status).toBe("fail");
  expect(result.outputs.failed).toBe("1");
  const results = report(result.outputs);
  expect(results.map((r) => [r.id, r.kind, r.status])).toEqual([
    ["validate/.github/workflows/broken.yml", "validate", "fail"],
    ["validate/.github/workflows/ok.yml", "validate", "ok"],
  ]);
  expect(results[0]?.details).toEqual([
    expect.stringMatching(/^\.github\/workflows\/broken\.yml:2:5: .*pushh.*\[schema\]$/),
    expect.stringMatching(/^\.github\/workflows\/broken\.yml:7:\d+: .*untrusted.*\[injection\]$/),
  ]);
  expect(result.stdout).toContain("pm2: no hosts in pm2.hosts of the config, skipped");
  expect(result.summary.match(/\| Check \| Status \| Summary \| Recovery \|/g)).toHaveLength(1);
  expect(result.summary).toMatch(/\| validate\/\.github\/workflows\/broken\.yml \| ❌ fail \| /);
  expect(result.summary).toMatch(/\| validate\/\.github\/workflows\/ok\.yml \| ✅ ok \| /);
  expect(result.annotations).toContainEqual(
    expect.objectContaining({ level: "error", file: ".github/workflows/broken.yml" }),
  );
  // No pm2 run: no key directory for the post step to remove.
  expect(result.state).toEqual({});
  expect(result.post?.exitCode).toBe(0);

  const lenient = await runHealth(ws, { inputs: { "fail-on": "never" }, post: false });
  expect(lenient.exitCode).toBe(0);
  expect(lenient.outputs.status).toBe("fail");
  expect(lenient.outputs.failed).toBe("1");
});

test("a bad config file fails the step with file:line; a bad checks input names the input", async () => {
  const ws = workspace({
    ".github/workflows/ok.yml": CLEAN_WORKFLOW,
    ".github/redundancy.yml": "pm2:\n  concurrency: lots\n",
  });
  const result = await runHealth(ws, { post: false });
  expect(result.exitCode).toBe(1);
  const errors = result.annotations.filter((a) => a.level === "error").map((a) => a.message);
  expect(errors).toEqual([expect.stringMatching(/^\.github\/redundancy\.yml:2:\d+: .*concurrency/)]);
  expect(result.outputs["report-json"]).toBeUndefined();

  const checks = await runHealth(ws, { inputs: { config: "", checks: "validate,netlfy" }, post: false });
  expect(checks.exitCode).toBe(1);
  expect(checks.stdout).toMatch(/::error::checks: unknown check 'netlfy' \(known: validate, pm2\)/);
});

describe("with a PM2 host over SSH", () => {
  let sshd: SshdFixture;
  let pm2: Pm2DaemonFixture;

  beforeAll(async () => {
    sshd = await startSshd();
    pm2 = await startPm2Daemon();
    // Only the healthy app stays: this test is about combining reports, test/pm2 covers the broken ones.
    const { crashing, stopped, injectStopped } = pm2.names;
    const removed = await pm2.pm2(["delete", crashing, stopped, injectStopped]);
    if (removed.exitCode !== 0) throw new Error(`pm2 delete failed: ${removed.stderr}`);
  });

  /** One host, checked for the healthy app only; its key and known_hosts come from the inputs. */
  function hostConfig() {
    return {
      pm2: {
        hosts: [
          {
            name: "web-1",
            host: "127.0.0.1",
            port: sshd.port,
            user: "root",
            "pm2-home": pm2.home,
            "pm2-bin": pm2.pm2Bin,
            apps: ["healthy"],
          },
        ],
      },
    };
  }

  afterAll(async () => {
    await pm2?.stop();
    await sshd?.stop();
  });

  test("no known host key: the step fails naming the host, before any connection", async () => {
    const before = sshd.acceptedLogins();
    const ws = workspace({ ".github/redundancy.yml": stringify(hostConfig()) });
    const result = await runHealth(ws, { inputs: { "ssh-private-key": sshd.clientKeyText } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::.*host web-1: no known host key/);
    expect(sshd.acceptedLogins()).toBe(before);
    expect(result.post?.exitCode).toBe(0);
    expect(existsSync(result.state["pm2-secrets-dir"] ?? "")).toBe(false);
  });

  test("validate and pm2 in one report, status ok; the app's env secret and the key never leave", async () => {
    const config = hostConfig();
    const ws = workspace({ ".github/workflows/ok.yml": CLEAN_WORKFLOW, ".github/redundancy.yml": stringify(config) });
    const result = await runHealth(ws, {
      inputs: {
        "ssh-private-key": sshd.clientKeyText,
        "known-hosts": sshd.knownHostsLine,
        "dry-run": "true",
        "state-file": "pm2-state.json",
      },
    });
    const results = report(result.outputs);
    expect(results.find((r) => r.id === "validate/.github/workflows/ok.yml")?.status).toBe("ok");
    expect(results.find((r) => r.id === "pm2/web-1")?.status).toBe("ok");
    expect(results.find((r) => r.id === "pm2/web-1/healthy")?.status).toBe("ok");
    expect(result.outputs.status).toBe("ok");
    expect(result.outputs.failed).toBe("0");
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatch(/\| pm2\/web-1\/healthy \| ✅ ok \| /);
    expect(result.summary).toMatch(/\| validate\/\.github\/workflows\/ok\.yml \| ✅ ok \| /);

    // ::add-mask:: lines hand secrets to the runner's masker; nothing else may carry them.
    const stdout = result.stdout
      .split("\n")
      .filter((l) => !l.startsWith("::add-mask::"))
      .join("\n");
    const everything = [stdout, result.stderr, result.summary, JSON.stringify(result.outputs)].join("\n");
    expect(everything).not.toContain(pm2.secret);
    for (const line of sshd.clientKeyText.split("\n").slice(1, -2)) expect(everything).not.toContain(line);

    const state = JSON.parse(readFileSync(join(ws, "pm2-state.json"), "utf8")) as { hosts: Record<string, unknown> };
    expect(Object.keys(state.hosts)).toEqual(["web-1"]);
    expect(JSON.stringify(state)).not.toContain(pm2.secret);

    const dir = result.state["pm2-secrets-dir"];
    expect(dir?.startsWith(result.files.runnerTemp)).toBe(true);
    expect(result.post?.exitCode).toBe(0);
    expect(existsSync(dir ?? "")).toBe(false);
  });
});

/**
 * A real PM2 daemon with its own PM2_HOME for tests, holding: a healthy app, a crash-looping app
 * (crashes while a flag file exists, printing a planted secret and a huge line to its error log),
 * a stopped app, an app the ecosystem file expects but that never started, and two apps whose
 * names are shell injections. stop() runs `pm2 kill` for that home, then kills the daemon's pid.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { execCommand, type ExecResult } from "../../src/common/exec.js";
import { parseJlist, type Pm2App } from "../../src/pm2/jlist.js";

export const PM2_SCRIPT = resolve("node_modules/pm2/bin/pm2");

export interface Pm2DaemonFixture {
  dir: string;
  home: string;
  /** Absolute wrapper that runs this repository's pm2 with this node: non-interactive SSH has a minimal PATH. */
  pm2Bin: string;
  ecosystemFile: string;
  /** Planted in every app's env as API_TOKEN; the crashing app prints it to its error log. */
  secret: string;
  /** The crashing app crashes while this file exists. */
  crashFlag: string;
  names: {
    healthy: string;
    crashing: string;
    stopped: string;
    missing: string;
    /** Running, then stopped: recovered by `pm2 restart <id>`. */
    injectStopped: string;
    /** Only in the ecosystem file: recovered by `pm2 start <file> --only <name>`. */
    injectMissing: string;
  };
  /** Files the injection names would create if a name were ever run as shell code. */
  pwnedFiles: string[];
  pm2(args: string[]): Promise<ExecResult>;
  jlist(): Promise<Pm2App[]>;
  /** Waits until PM2 has given up on the crashing app (status errored). */
  waitForCrashLoop(): Promise<void>;
  daemonPid(): number | undefined;
  stop(): Promise<void>;
}

const HEALTHY_JS = "setInterval(() => {}, 1000);\n";

const CRASHING_JS = `const fs = require("fs");
if (fs.existsSync(process.env.CRASH_FLAG)) {
  console.error("Error: connect ECONNREFUSED 127.0.0.1:5432 token " + process.env.API_TOKEN);
  console.error("huge " + "x".repeat(300000) + " " + process.env.API_TOKEN);
  setTimeout(() => process.exit(1), 100);
} else {
  setInterval(() => {}, 1000);
}
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

export async function startPm2Daemon(): Promise<Pm2DaemonFixture> {
  const dir = mkdtempSync(join(tmpdir(), "pm2fx-"));
  const home = join(dir, "home");
  mkdirSync(home);
  const tag = randomBytes(4).toString("hex");
  const secret = `planted-secret-${randomBytes(12).toString("hex")}`;
  const crashFlag = join(dir, "crash.flag");
  writeFileSync(crashFlag, "");
  writeFileSync(join(dir, "healthy.js"), HEALTHY_JS);
  writeFileSync(join(dir, "crashing.js"), CRASHING_JS);
  mkdirSync(join(dir, "bin"));
  const pm2Bin = join(dir, "bin", "pm2");
  writeFileSync(pm2Bin, `#!/bin/sh\nexec '${process.execPath}' '${PM2_SCRIPT}' "$@"\n`);
  chmodSync(pm2Bin, 0o755);
  const pwnedFiles = [`/tmp/pwned-${tag}`, `/tmp/pwned2-${tag}`];
  const names = {
    healthy: "healthy",
    crashing: "crashing",
    stopped: "stopped",
    missing: "missing-app",
    injectStopped: `x; touch ${pwnedFiles[0]}`,
    injectMissing: `$(touch ${pwnedFiles[1]})`,
  };
  const env = { API_TOKEN: secret, PLAIN_SETTING: "plain-value", CRASH_FLAG: crashFlag };
  const app = (name: string, script: string, extra: Record<string, unknown> = {}) => ({
    name,
    script: join(dir, script),
    cwd: dir,
    autorestart: true,
    env,
    ...extra,
  });
  const ecosystemFile = join(dir, "ecosystem.json");
  writeFileSync(
    ecosystemFile,
    JSON.stringify(
      {
        apps: [
          app(names.healthy, "healthy.js"),
          app(names.crashing, "crashing.js", { max_restarts: 3, min_uptime: 1000 }),
          app(names.stopped, "healthy.js"),
          app(names.missing, "healthy.js"),
          app(names.injectStopped, "healthy.js"),
          app(names.injectMissing, "healthy.js"),
        ],
      },
      null,
      2,
    ),
  );
  const pm2 = (args: string[]) =>
    execCommand(pm2Bin, args, { env: { ...process.env, PM2_HOME: home }, timeoutMs: 60_000, cwd: dir });
  const daemonPid = () => {
    const pidFile = join(home, "pm2.pid");
    if (!existsSync(pidFile)) return undefined;
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
  };
  const fixture: Pm2DaemonFixture = {
    dir,
    home,
    pm2Bin,
    ecosystemFile,
    secret,
    crashFlag,
    names,
    pwnedFiles,
    pm2,
    daemonPid,
    jlist: async () => {
      const r = await pm2(["jlist"]);
      const parsed = parseJlist(r.stdout);
      if (!parsed.ok) throw new Error(`fixture jlist: ${parsed.error}`);
      return parsed.apps;
    },
    waitForCrashLoop: async () => {
      for (let i = 0; i < 100; i += 1) {
        const apps = await fixture.jlist();
        if (apps.find((a) => a.name === names.crashing)?.status === "errored") return;
        await new Promise((r) => setTimeout(r, 300));
      }
      throw new Error("the crashing app never reached errored");
    },
    stop: async () => {
      if (daemonPid() !== undefined) await pm2(["kill"]);
      const pid = daemonPid();
      if (pid !== undefined) process.kill(pid, "SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const steps: string[][] = [
    ["start", ecosystemFile],
    ["delete", names.missing, names.injectMissing],
    ["stop", names.stopped, names.injectStopped],
  ];
  for (const args of steps) {
    const r = await pm2(args);
    if (r.exitCode !== 0) {
      await fixture.stop();
      throw new Error(`pm2 ${args.join(" ")} failed: ${r.stderr}${r.stdout}`);
    }
  }
  return fixture;
}

/** Shared by the PM2 integration tests: config files for the fixtures and a captured CLI run. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import type { CheckResult } from "../../src/common/result.js";
import type { SshdFixture } from "../support/sshd.js";
import type { Pm2DaemonFixture } from "../support/pm2-daemon.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  results(): CheckResult[];
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    cwd,
  });
  return { code, stdout, stderr, results: () => JSON.parse(stdout) as CheckResult[] };
}

export function sshHost(sshd: SshdFixture, pm2: Pm2DaemonFixture, extra: Record<string, unknown> = {}) {
  return {
    name: "web-1",
    host: "127.0.0.1",
    port: sshd.port,
    user: "root",
    "pm2-home": pm2.home,
    "pm2-bin": pm2.pm2Bin,
    "ecosystem-file": pm2.ecosystemFile,
    "identity-file": sshd.clientKeyPath,
    "known-hosts": sshd.knownHostsPath,
    ...extra,
  };
}

const configDirs: string[] = [];

/** Writes `.github/redundancy.yml`-style config with the given pm2 section; returns its path. */
export function writeConfig(pm2Section: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "pm2cfg-"));
  configDirs.push(dir);
  const file = join(dir, "redundancy.yml");
  writeFileSync(file, stringify({ pm2: pm2Section }));
  return file;
}

export function byId(results: CheckResult[], id: string): CheckResult {
  const r = results.find((x) => x.id === id);
  if (!r) throw new Error(`no result ${id} in ${results.map((x) => x.id).join(", ")}`);
  return r;
}

/** Removes every config written by writeConfig in this test file. */
export function removeConfigs(): void {
  for (const dir of configDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

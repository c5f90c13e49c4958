import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorMessage } from "../common/errors.js";
import type { Logger } from "../common/logger.js";
import type { Redactor } from "../common/redact.js";
import type { CheckResult } from "../common/result.js";
import { emptyState, type Pm2State } from "./health.js";
import { checkHost, fetchHostBackup, type HostOutcome } from "./host-check.js";
import type { BackupEntry } from "./backup.js";
import type { Pm2HostSettings, Pm2RunSettings } from "./settings.js";
import { LocalTransport, SshTransport, type RemoteShell, type TransportOptions } from "./transport.js";

export interface Pm2Report {
  results: CheckResult[];
  /** The state to hand to the next run. */
  state: Pm2State;
  /** Redacted ecosystem files and dumps, paths relative to the backup root. */
  backup: BackupEntry[];
}

export interface Pm2CheckDeps {
  logger: Logger;
  redactor: Redactor;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Builds the shell for a host; the default picks SSH or local by the host's transport. */
  shellFor?: (host: Pm2HostSettings, options: TransportOptions & { controlDir: string; index: number }) => RemoteShell;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function defaultShell(host: Pm2HostSettings, options: TransportOptions & { controlDir: string; index: number }) {
  if (host.transport === "local") return new LocalTransport(host.name, options);
  return new SshTransport(host, { ...options, controlName: `c${options.index}` });
}

/**
 * Checks every host, at most `concurrency` at a time. Each host has its own time budget; a host
 * that is dead, slow or refuses us yields `unknown` results naming it and never holds up the rest.
 */
export async function checkPm2(settings: Pm2RunSettings, previous: Pm2State, deps: Pm2CheckDeps): Promise<Pm2Report> {
  return runHosts(settings, previous, deps, false);
}

/**
 * The backup material of every host for the backup issue: each host's ecosystem file and
 * `dump.pm2` as `{path, content}` with every environment value redacted. Checks and changes nothing;
 * `results` says per host what could not be fetched.
 */
export async function fetchPm2Backup(
  settings: Pm2RunSettings,
  deps: Pm2CheckDeps,
): Promise<{ backup: BackupEntry[]; results: CheckResult[] }> {
  const report = await runHosts(settings, emptyState(), deps, true);
  return { backup: report.backup, results: report.results };
}

async function runHosts(
  settings: Pm2RunSettings,
  previous: Pm2State,
  deps: Pm2CheckDeps,
  backupOnly: boolean,
): Promise<Pm2Report> {
  const { logger } = deps;
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? (() => new Date());
  // Unix socket paths are limited to ~100 bytes: keep the control directory short.
  const controlDir = mkdtempSync(join(tmpdir().length > 40 ? "/tmp" : tmpdir(), "rdy-"));
  for (const host of settings.hosts) {
    if (host.insecureSkipHostKeyCheck && host.transport === "ssh") {
      logger.warning(
        `INSECURE: host key checking is OFF for ${host.name} (insecure-skip-host-key-check); anyone on the path can impersonate it`,
        { key: host.name },
      );
    }
  }
  const outcomes: HostOutcome[] = new Array<HostOutcome>(settings.hosts.length);
  let next = 0;
  const worker = async () => {
    while (next < settings.hosts.length) {
      const index = next;
      next += 1;
      outcomes[index] = await checkOneHost(settings.hosts[index], index);
    }
  };
  const checkOneHost = async (host: Pm2HostSettings, index: number): Promise<HostOutcome> => {
    const deadline = Date.now() + settings.hostTimeout;
    const shell = (deps.shellFor ?? defaultShell)(host, {
      logger,
      redactor: deps.redactor,
      commandTimeout: settings.commandTimeout,
      connectTimeout: settings.connectTimeout,
      deadline,
      controlDir,
      index,
    });
    try {
      const hostDeps = { logger, redactor: deps.redactor, sleep, now };
      return backupOnly
        ? await fetchHostBackup(shell, host, settings, hostDeps)
        : await checkHost(shell, host, settings, previous.hosts[host.name], hostDeps);
    } catch (error) {
      // A bug in one host's check must not cost the other hosts their results; it is logged with its stack.
      logger.error(
        `${host.name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return {
        host: host.name,
        results: [
          {
            id: `pm2/${host.name}`,
            kind: "pm2",
            status: "unknown",
            summary: deps.redactor.redact(`${host.name}: check failed: ${errorMessage(error)}`),
            details: [],
          },
        ],
        backup: [],
      };
    } finally {
      // The slot goes to the next host at once; the master connection closes meanwhile.
      closing.push(shell.close());
    }
  };
  const closing: Promise<void>[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(settings.concurrency, settings.hosts.length)) }, worker),
    );
  } finally {
    try {
      await Promise.all(closing);
    } finally {
      rmSync(controlDir, { recursive: true, force: true });
    }
  }
  const state: Pm2State = { version: 1, hosts: { ...previous.hosts } };
  for (const outcome of outcomes) {
    if (outcome.state) state.hosts[outcome.host] = outcome.state;
  }
  return {
    results: outcomes.flatMap((o) => o.results),
    state,
    backup: outcomes.flatMap((o) => o.backup),
  };
}

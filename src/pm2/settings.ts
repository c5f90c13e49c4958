/** The typed settings the PM2 check runs on, whether they came from inputs, config or the CLI. */
import { ConfigurationError } from "../common/errors.js";

export type TransportKind = "ssh" | "local";

export interface Pm2Thresholds {
  /** Bytes of resident memory above which an app fails. */
  maxMemory?: number;
  /** Restarts since the last run above which an app fails (total restarts when no state). */
  maxRestarts: number;
  /** An app up for less than this that has restarted is crash-looping (ms). */
  minUptime: number;
  /** CPU percent above which an app warns. */
  maxCpu?: number;
  /** An app `launching` for longer than this fails (ms). */
  maxLaunching: number;
}

export interface Pm2HostSettings extends Pm2Thresholds {
  /** Name used in result ids (`pm2/<name>/<app>`) and messages. */
  name: string;
  transport: TransportKind;
  host: string;
  port: number;
  user?: string;
  jumpHost?: string;
  pm2Home?: string;
  pm2Bin: string;
  /** Apps expected to run on the host; empty with no ecosystem file means "no expectation". */
  apps: string[];
  /** Path of the ecosystem file ON THE HOST. */
  ecosystemFile?: string;
  /** Path of the private key on the machine running the check. */
  identityFile?: string;
  /** Path of the known_hosts file on the machine running the check. */
  knownHostsFile?: string;
  insecureSkipHostKeyCheck: boolean;
  /** Lines of a failing app's error log to read. */
  logLines: number;
  /** Regular expressions counted in a failing app's error log. */
  logPatterns: string[];
}

export interface Pm2RunSettings {
  hosts: Pm2HostSettings[];
  concurrency: number;
  /** TCP connect + SSH banner timeout (ms). */
  connectTimeout: number;
  /** Timeout of one remote command (ms). */
  commandTimeout: number;
  /** Budget for a whole host, checks and recovery included (ms). */
  hostTimeout: number;
  autoRecovery: boolean;
  dryRun: boolean;
  maxRestartAttempts: number;
  /** Wait after a recovery step before re-checking (ms). */
  settleTime: number;
  /** Longest log line kept in details (characters). */
  maxLogLineLength: number;
}

export const DEFAULT_LOG_PATTERNS = ["Error", "ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "Unhandled", "FATAL"];

export const PM2_DEFAULTS = {
  port: 22,
  pm2Bin: "pm2",
  concurrency: 8,
  connectTimeout: 10_000,
  commandTimeout: 60_000,
  hostTimeout: 120_000,
  autoRecovery: true,
  maxRestartAttempts: 3,
  settleTime: 3_000,
  logLines: 50,
  maxLogLineLength: 300,
  maxRestarts: 10,
  minUptime: 10_000,
  maxLaunching: 60_000,
} as const;

const HOST = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9]+)?)$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const JUMP = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*@)?(?:[A-Za-z0-9_][A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Where a host's settings came from, for messages: a config file and its key, or (none) the action's inputs. */
export interface HostOrigin {
  file?: string;
  /** e.g. `pm2.hosts[2]`; the field name is appended. */
  key?: string;
}

/**
 * Host, user and jump host go to ssh, which pastes a jump host into a shell command line
 * (its ProxyCommand): only plain names and addresses pass, never a leading `-` or a shell character.
 */
export function checkSshTarget(
  host: Pick<Pm2HostSettings, "name" | "host" | "user" | "jumpHost">,
  origin: HostOrigin = {},
): void {
  const bad = (field: string, value: string, expected: string) =>
    new ConfigurationError(`host ${host.name}: ${field} ${JSON.stringify(value)} is not ${expected}`, {
      file: origin.file,
      key: origin.key ? `${origin.key}.${field}` : field,
    });
  if (!HOST.test(host.host)) throw bad("host", host.host, "a host name or IP address");
  if (host.user !== undefined && !USER.test(host.user)) throw bad("user", host.user, "a user name");
  if (host.jumpHost !== undefined && !JUMP.test(host.jumpHost)) {
    throw bad("jump-host", host.jumpHost, "[user@]host[:port]");
  }
}

/** A host entry with every default filled in; callers give only what the user set. Throws on an unsafe SSH target. */
export function hostWithDefaults(
  partial: Partial<Pm2HostSettings> & { host: string },
  shared: Partial<Pm2Thresholds> = {},
  origin: HostOrigin = {},
): Pm2HostSettings {
  const host = hostDefaults(partial, shared);
  if (host.transport === "ssh") checkSshTarget(host, origin);
  return host;
}

function hostDefaults(
  partial: Partial<Pm2HostSettings> & { host: string },
  shared: Partial<Pm2Thresholds>,
): Pm2HostSettings {
  return {
    name: partial.name ?? partial.host,
    transport: partial.transport ?? "ssh",
    host: partial.host,
    port: partial.port ?? PM2_DEFAULTS.port,
    user: partial.user,
    jumpHost: partial.jumpHost,
    pm2Home: partial.pm2Home,
    pm2Bin: partial.pm2Bin ?? PM2_DEFAULTS.pm2Bin,
    apps: partial.apps ?? [],
    ecosystemFile: partial.ecosystemFile,
    identityFile: partial.identityFile,
    knownHostsFile: partial.knownHostsFile,
    insecureSkipHostKeyCheck: partial.insecureSkipHostKeyCheck ?? false,
    maxMemory: partial.maxMemory ?? shared.maxMemory,
    maxRestarts: partial.maxRestarts ?? shared.maxRestarts ?? PM2_DEFAULTS.maxRestarts,
    minUptime: partial.minUptime ?? shared.minUptime ?? PM2_DEFAULTS.minUptime,
    maxCpu: partial.maxCpu ?? shared.maxCpu,
    maxLaunching: partial.maxLaunching ?? shared.maxLaunching ?? PM2_DEFAULTS.maxLaunching,
    logLines: partial.logLines ?? PM2_DEFAULTS.logLines,
    logPatterns: partial.logPatterns ?? DEFAULT_LOG_PATTERNS,
  };
}

export function runWithDefaults(partial: Partial<Pm2RunSettings> & { hosts: Pm2HostSettings[] }): Pm2RunSettings {
  return {
    hosts: partial.hosts,
    concurrency: partial.concurrency ?? PM2_DEFAULTS.concurrency,
    connectTimeout: partial.connectTimeout ?? PM2_DEFAULTS.connectTimeout,
    commandTimeout: partial.commandTimeout ?? PM2_DEFAULTS.commandTimeout,
    hostTimeout: partial.hostTimeout ?? PM2_DEFAULTS.hostTimeout,
    autoRecovery: partial.autoRecovery ?? PM2_DEFAULTS.autoRecovery,
    dryRun: partial.dryRun ?? false,
    maxRestartAttempts: partial.maxRestartAttempts ?? PM2_DEFAULTS.maxRestartAttempts,
    settleTime: partial.settleTime ?? PM2_DEFAULTS.settleTime,
    maxLogLineLength: partial.maxLogLineLength ?? PM2_DEFAULTS.maxLogLineLength,
  };
}

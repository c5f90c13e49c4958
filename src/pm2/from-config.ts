import { existsSync, writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { ConfigurationError } from "../common/errors.js";
import type { HostConfig, Pm2Settings } from "../config/index.js";
import { hostThresholds } from "../config/index.js";
import { hostWithDefaults, runWithDefaults, type Pm2HostSettings, type Pm2RunSettings } from "./settings.js";

export interface FromConfigOptions {
  /** The config file as named in messages. */
  file: string;
  cwd: string;
  /** Where known_hosts given inline in the config are written (a private temp dir). */
  tempDir: string;
  /** Only this host (`--host NAME`). */
  only?: string;
  /** Key and known_hosts used by hosts that name none (the action's inputs). */
  defaultIdentityFile?: string;
  defaultKnownHostsFile?: string;
  /** Overrides that come from the CLI or action inputs rather than the file. */
  overrides?: Partial<Omit<Pm2RunSettings, "hosts">>;
}

/** True for known_hosts content (lines holding a key), false for a path to such a file. */
export function isKnownHostsContent(value: string): boolean {
  return /\n/.test(value.trim()) || /^\S+\s+(ssh-|ecdsa-|sk-)\S+\s+\S+/.test(value.trim());
}

/** The `pm2` section of `.github/redundancy.yml` as run settings. */
export function runSettingsFromConfig(pm2: Pm2Settings, options: FromConfigOptions): Pm2RunSettings {
  let entries = pm2.hosts.map((h, index) => ({ h, index }));
  if (options.only !== undefined) {
    entries = entries.filter((e) => e.h.name === options.only);
    if (entries.length === 0) {
      const names = pm2.hosts.map((h) => h.name);
      throw new ConfigurationError(
        `no host named '${options.only}' in pm2.hosts (${names.length > 0 ? `known: ${names.join(", ")}` : "none configured"})`,
        { file: options.file, key: "pm2.hosts" },
      );
    }
  }
  if (entries.length === 0) {
    throw new ConfigurationError("no PM2 hosts configured: add pm2.hosts entries (name, host, ...)", {
      file: options.file,
      key: "pm2.hosts",
    });
  }
  const hosts = entries.map(({ h, index }) => hostFromConfig(pm2, h, index, options));
  return runWithDefaults({ hosts, ...runOptionsFromConfig(pm2), ...options.overrides });
}

/** The run-wide settings of the `pm2` section (everything but the hosts). */
export function runOptionsFromConfig(pm2: Pm2Settings): Partial<Omit<Pm2RunSettings, "hosts">> {
  return {
    concurrency: pm2.concurrency,
    connectTimeout: pm2["connect-timeout"],
    commandTimeout: pm2["command-timeout"],
    settleTime: pm2["settle-time"],
    hostTimeout: pm2["host-timeout"],
    autoRecovery: pm2["auto-recovery"],
    maxRestartAttempts: pm2["max-restart-attempts"],
  };
}

function hostFromConfig(pm2: Pm2Settings, h: HostConfig, index: number, options: FromConfigOptions): Pm2HostSettings {
  const key = `pm2.hosts[${index}]`;
  const t = hostThresholds(pm2, h);
  let knownHostsFile = options.defaultKnownHostsFile;
  const kh = h["known-hosts"];
  if (kh !== undefined) {
    if (isKnownHostsContent(kh)) {
      knownHostsFile = join(options.tempDir, `known_hosts-${index}`);
      writeFileSync(knownHostsFile, kh.trim() + "\n", { mode: 0o600 });
    } else {
      knownHostsFile = isAbsolute(kh) ? kh : resolve(options.cwd, kh);
      if (!existsSync(knownHostsFile)) {
        throw new ConfigurationError(`known-hosts file not found: ${kh}`, {
          file: options.file,
          key: `${key}.known-hosts`,
        });
      }
    }
  }
  let identityFile = options.defaultIdentityFile;
  const idf = h["identity-file"];
  if (idf !== undefined) {
    identityFile = isAbsolute(idf) ? idf : resolve(options.cwd, idf);
    if (!existsSync(identityFile)) {
      throw new ConfigurationError(`identity file not found: ${idf}`, {
        file: options.file,
        key: `${key}.identity-file`,
      });
    }
  }
  return hostWithDefaults(
    {
      name: h.name,
      transport: h.transport,
      host: h.host ?? "localhost",
      port: h.port,
      user: h.user,
      jumpHost: h["jump-host"],
      pm2Home: h["pm2-home"],
      pm2Bin: h["pm2-bin"],
      apps: h.apps,
      ecosystemFile: h["ecosystem-file"],
      identityFile,
      knownHostsFile,
      insecureSkipHostKeyCheck: pm2["insecure-skip-host-key-check"],
      maxMemory: t.maxMemory,
      maxRestarts: t.maxRestarts,
      minUptime: t.minUptime,
      maxCpu: t.maxCpu,
      logLines: t.logLines,
      logPatterns: t.logPatterns,
    },
    {},
    { file: options.file, key },
  );
}

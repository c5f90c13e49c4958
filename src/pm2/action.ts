/** The pm2-remote-health action: inputs -> settings -> checkPm2 -> outputs, summary, annotations. */
import * as core from "@actions/core";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { ConfigurationError } from "../common/errors.js";
import {
  getBooleanInput,
  getDurationInput,
  getIntegerInput,
  getListInput,
  getOptionalInput,
  getSizeInput,
  type InputReader,
} from "../common/inputs.js";
import { RedactingLogger } from "../common/logger.js";
import { Redactor } from "../common/redact.js";
import { worstStatus } from "../common/result.js";
import { registerSecret, runAction, RunnerLogger, runnerInputReader } from "../common/runner.js";
import { loadConfig, type LoadedConfig } from "../config/index.js";
import { STATE_SECRETS_DIR } from "./action-post.js";
import { checkPm2 } from "./check.js";
import { isKnownHostsContent, runOptionsFromConfig, runSettingsFromConfig } from "./from-config.js";
import { markdownSummary } from "./report.js";
import { hostWithDefaults, runWithDefaults, type Pm2HostSettings, type Pm2RunSettings } from "./settings.js";
import { readStateFile, writeStateFile } from "./state-file.js";

export interface Secrets {
  dir: string;
  keyFile?: string;
  knownHostsFile?: string;
}

/** Writes the key (0600) and known_hosts into a private directory under RUNNER_TEMP; the post step removes it. */
export function writeSecrets(read: InputReader, redactor: Redactor, workspace: string): Secrets {
  const base = process.env.RUNNER_TEMP || tmpdir();
  const dir = join(base, `redundancy-pm2-${randomBytes(6).toString("hex")}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  core.saveState(STATE_SECRETS_DIR, dir);
  const secrets: Secrets = { dir };
  const key = read("ssh-private-key");
  if (key.trim() !== "") {
    registerSecret(key, redactor);
    secrets.keyFile = join(dir, "id_key");
    // OpenSSH refuses a key without its final newline.
    writeFileSync(secrets.keyFile, key.replace(/\r\n/g, "\n").trimEnd() + "\n", { mode: 0o600 });
  }
  const known = getOptionalInput(read, "known-hosts");
  if (known !== undefined) {
    if (isKnownHostsContent(known)) {
      secrets.knownHostsFile = join(dir, "known_hosts");
      writeFileSync(secrets.knownHostsFile, known.trim() + "\n", { mode: 0o600 });
    } else {
      const path = isAbsolute(known) ? known : resolve(workspace, known);
      if (!existsSync(path))
        throw new ConfigurationError(`known-hosts: no such file '${known}' (give known_hosts lines or a path)`, {
          key: "known-hosts",
        });
      secrets.knownHostsFile = path;
    }
  }
  return secrets;
}

/** Reads every input into run settings: one host from inputs, or the hosts of the config file. */
export async function settingsFromInputs(
  read: InputReader,
  secrets: Secrets,
  workspace: string,
  env: NodeJS.ProcessEnv,
  /** The config when the caller has already loaded it (the health action), so it is read once. */
  preloaded?: LoadedConfig,
): Promise<Pm2RunSettings> {
  const loaded = preloaded ?? (await loadConfig({ file: getOptionalInput(read, "config"), env, cwd: workspace }));
  const pm2 = loaded.settings.pm2;
  const overrides: Partial<Omit<Pm2RunSettings, "hosts">> = {};
  if (getOptionalInput(read, "concurrency") !== undefined)
    overrides.concurrency = getIntegerInput(read, "concurrency", { min: 1 });
  if (getOptionalInput(read, "auto-recovery") !== undefined)
    overrides.autoRecovery = getBooleanInput(read, "auto-recovery");
  if (getOptionalInput(read, "max-restart-attempts") !== undefined) {
    overrides.maxRestartAttempts = getIntegerInput(read, "max-restart-attempts", { min: 0 });
  }
  if (getOptionalInput(read, "settle-time") !== undefined) overrides.settleTime = getDurationInput(read, "settle-time");
  if (getOptionalInput(read, "host-timeout") !== undefined)
    overrides.hostTimeout = getDurationInput(read, "host-timeout");
  overrides.dryRun = getBooleanInput(read, "dry-run", { default: false });
  const thresholds: Partial<Pm2HostSettings> = {};
  if (getOptionalInput(read, "max-memory") !== undefined) thresholds.maxMemory = getSizeInput(read, "max-memory");
  if (getOptionalInput(read, "max-restarts") !== undefined)
    thresholds.maxRestarts = getIntegerInput(read, "max-restarts", { min: 0 });
  if (getOptionalInput(read, "min-uptime") !== undefined) thresholds.minUptime = getDurationInput(read, "min-uptime");
  const insecureInput = getOptionalInput(read, "insecure-skip-host-key-check");
  const insecure = insecureInput !== undefined ? getBooleanInput(read, "insecure-skip-host-key-check") : undefined;

  const hostInput = getOptionalInput(read, "host");
  let run: Pm2RunSettings;
  if (hostInput !== undefined) {
    const shared = {
      maxMemory: pm2["max-memory"],
      maxRestarts: pm2["max-restarts"],
      minUptime: pm2["min-uptime"],
      maxCpu: pm2["max-cpu"],
      logLines: pm2["log-lines"],
      logPatterns: pm2["log-patterns"],
    };
    const host = hostWithDefaults({
      name: getOptionalInput(read, "name") ?? hostInput,
      host: hostInput,
      port:
        getOptionalInput(read, "port") !== undefined
          ? getIntegerInput(read, "port", { min: 1, max: 65535 })
          : undefined,
      user: getOptionalInput(read, "user"),
      jumpHost: getOptionalInput(read, "jump-host"),
      pm2Home: getOptionalInput(read, "pm2-home"),
      pm2Bin: getOptionalInput(read, "pm2-bin"),
      apps: getListInput(read, "apps"),
      ecosystemFile: getOptionalInput(read, "ecosystem-file"),
      identityFile: secrets.keyFile,
      knownHostsFile: secrets.knownHostsFile,
      insecureSkipHostKeyCheck: insecure ?? pm2["insecure-skip-host-key-check"],
      maxMemory: shared.maxMemory,
      maxRestarts: shared.maxRestarts,
      minUptime: shared.minUptime,
      maxCpu: shared.maxCpu,
      logLines: shared.logLines,
      logPatterns: shared.logPatterns,
      ...thresholds,
    });
    run = runWithDefaults({ hosts: [host], ...runOptionsFromConfig(pm2), ...overrides });
  } else {
    if (pm2.hosts.length === 0) {
      throw new ConfigurationError(
        `no host: set the host input, or list pm2.hosts in ${loaded.file}${loaded.exists ? "" : " (not found)"}`,
        { key: "host" },
      );
    }
    run = runSettingsFromConfig(pm2, {
      file: loaded.file,
      cwd: workspace,
      tempDir: secrets.dir,
      defaultIdentityFile: secrets.keyFile,
      defaultKnownHostsFile: secrets.knownHostsFile,
      overrides,
    });
    run.hosts = run.hosts.map((h) => ({
      ...h,
      ...thresholds,
      insecureSkipHostKeyCheck: insecure ?? h.insecureSkipHostKeyCheck,
    }));
  }
  for (const h of run.hosts) {
    if (h.transport === "ssh" && !h.insecureSkipHostKeyCheck && !h.knownHostsFile) {
      throw new ConfigurationError(
        `host ${h.name}: no known host key: set the known-hosts input (verified ssh-keyscan output) or known-hosts in the host's config; refusing to connect without one`,
        { key: h.name },
      );
    }
  }
  return run;
}

export async function run(): Promise<number> {
  const redactor = new Redactor();
  return runAction(
    async () => {
      const read = runnerInputReader;
      const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
      const secrets = writeSecrets(read, redactor, workspace);
      const settings = await settingsFromInputs(read, secrets, workspace, process.env);
      const stateInput = getOptionalInput(read, "state-file");
      const statePath =
        stateInput === undefined ? undefined : isAbsolute(stateInput) ? stateInput : resolve(workspace, stateInput);
      const previous = statePath ? readStateFile(statePath) : { version: 1 as const, hosts: {} };
      const logger = new RedactingLogger(new RunnerLogger(), (t) => redactor.redact(t));
      const report = await checkPm2(settings, previous, { logger, redactor });
      const results = redactor.redactData(report.results);
      const status = worstStatus(results.map((r) => r.status));
      core.setOutput("status", status);
      core.setOutput("report-json", JSON.stringify(results));
      core.setOutput("state-json", JSON.stringify(report.state));
      if (statePath) writeStateFile(statePath, report.state);
      for (const r of results) {
        const message = `${r.id}: ${r.summary}`;
        if (r.status === "fail") core.error(message, { title: "PM2 health" });
        else if (r.status === "unknown" || r.status === "warn") core.warning(message, { title: "PM2 health" });
      }
      await core.summary.addRaw(redactor.redact(markdownSummary(results))).write();
      if (status === "fail") {
        const failing = results.filter((r) => r.status === "fail").length;
        core.setFailed(`${failing} PM2 check${failing === 1 ? "" : "s"} failing`);
        process.exitCode = 1;
      }
    },
    { redactor },
  );
}

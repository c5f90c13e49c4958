/** What `redundancy pm2` runs (its options are in ./pm2.ts): check PM2 hosts, recover, write state and backups. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { ConfigurationError } from "../../common/errors.js";
import { RedactingLogger } from "../../common/logger.js";
import { Redactor } from "../../common/redact.js";
import { worstStatus } from "../../common/result.js";
import { parseDuration } from "../../common/units.js";
import { loadConfig } from "../../config/index.js";
import { writeBackupEntries } from "../../pm2/backup.js";
import { checkPm2 } from "../../pm2/check.js";
import { runSettingsFromConfig } from "../../pm2/from-config.js";
import { textReport } from "../../pm2/report.js";
import { readStateFile, writeStateFile } from "../../pm2/state-file.js";
import { EXIT_OK, EXIT_PROBLEMS, type CommandIo, type ParsedArgs } from "../command.js";

function durationOption(value: unknown, name: string, allowZero: boolean): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || (ms === 0 && !allowZero)) {
    throw new ConfigurationError(
      `--${name}: not a duration${allowZero ? "" : " above 0"}: '${value}' (e.g. 3s, 500ms, 2m)`,
    );
  }
  return ms;
}

export async function runPm2(args: ParsedArgs, io: CommandIo): Promise<number> {
  const v = args.values;
  const file = typeof v.config === "string" ? v.config : undefined;
  const loaded = await loadConfig({ file, env: io.env, cwd: io.cwd });
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
  const statePath = typeof v.state === "string" ? abs(v.state) : undefined;
  const previous = statePath ? readStateFile(statePath) : { version: 1 as const, hosts: {} };
  const tempDir = mkdtempSync(join(tmpdir(), "redundancy-pm2-"));
  try {
    const overrides: Parameters<typeof runSettingsFromConfig>[1]["overrides"] = { dryRun: v["dry-run"] === true };
    if (v["no-recover"] === true) overrides.autoRecovery = false;
    const settle = durationOption(v["settle-time"], "settle-time", true);
    if (settle !== undefined) overrides.settleTime = settle;
    const hostTimeout = durationOption(v["host-timeout"], "host-timeout", false);
    if (hostTimeout !== undefined) overrides.hostTimeout = hostTimeout;
    const settings = runSettingsFromConfig(loaded.settings.pm2, {
      file: loaded.file,
      cwd: io.cwd,
      tempDir,
      only: typeof v.host === "string" ? v.host : undefined,
      overrides,
    });
    const redactor = new Redactor();
    const logger = new RedactingLogger(io.logger, (t) => redactor.redact(t));
    const report = await checkPm2(settings, previous, { logger, redactor });
    if (v.format === "json") io.stdout(`${JSON.stringify(report.results, null, 2)}\n`);
    else io.stdout(textReport(report.results));
    if (statePath) writeStateFile(statePath, report.state);
    if (typeof v["backup-dir"] === "string") {
      const written = writeBackupEntries(abs(v["backup-dir"]), report.backup);
      logger.info(`wrote ${written.length} backup file${written.length === 1 ? "" : "s"} to ${v["backup-dir"]}`);
    }
    const status = worstStatus(report.results.map((r) => r.status));
    return status === "fail" || status === "unknown" ? EXIT_PROBLEMS : EXIT_OK;
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

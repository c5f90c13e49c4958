/** The PM2 capability: what the CLI, the action, the orchestrator and the backup issue use. */
export { checkPm2, fetchPm2Backup, type Pm2Report, type Pm2CheckDeps } from "./check.js";
export { runSettingsFromConfig, type FromConfigOptions } from "./from-config.js";
export { writeBackupEntries, type BackupEntry } from "./backup.js";
export { emptyState, parseState, type Pm2State, type AppState } from "./health.js";
export { readStateFile, writeStateFile } from "./state-file.js";
export { markdownSummary, summaryRows, textReport, type SummaryRow } from "./report.js";
export { hostWithDefaults, runWithDefaults, type Pm2HostSettings, type Pm2RunSettings } from "./settings.js";
export { LocalTransport, SshTransport, type RemoteShell } from "./transport.js";

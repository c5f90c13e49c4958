/**
 * `redundancy pm2`: the command's name, help and options. Its implementation (./run-pm2.ts: PM2
 * checks over SSH, acorn for ecosystem files) is imported only when the command runs (see ./index.ts).
 */
import type { Command } from "../command.js";

export const pm2Command: Command = {
  name: "pm2",
  summary: "check PM2 apps on the configured hosts over SSH and recover what is down",
  usage: "pm2 [--host NAME] [--dry-run] [--no-recover] [--format text|json] [--config FILE]",
  options: {
    host: { type: "string", description: "check only this host (a pm2.hosts name)", valueName: "NAME" },
    "dry-run": { type: "boolean", description: "report what recovery would do, change nothing" },
    "no-recover": { type: "boolean", description: "check only, no recovery (as auto-recovery: false)" },
    state: {
      type: "string",
      description: "JSON state of the previous run (restarts since last run); rewritten after the run",
      valueName: "FILE",
    },
    "backup-dir": {
      type: "string",
      description: "write the redacted ecosystem files and dump.pm2 of every host here",
      valueName: "DIR",
    },
    "settle-time": {
      type: "string",
      description: "wait after a recovery step before re-checking (default: pm2.settle-time, else 3s)",
      valueName: "DURATION",
    },
    "host-timeout": {
      type: "string",
      description: "time budget of one host, recovery included (default: pm2.host-timeout, else 2m)",
      valueName: "DURATION",
    },
  },
  async run(args, io) {
    const { runPm2 } = await import("./run-pm2.js");
    return runPm2(args, io);
  },
};

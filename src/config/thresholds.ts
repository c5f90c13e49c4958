import type { HostConfig, Pm2Settings } from "./schema.js";

/** The thresholds that apply to one host: its own overrides, else the pm2 section's. */
export interface HostThresholds {
  /** Bytes; undefined = not checked. */
  maxMemory?: number;
  maxRestarts: number;
  /** Milliseconds. */
  minUptime: number;
  /** Percent of one core; undefined = not checked. */
  maxCpu?: number;
  logLines: number;
  logPatterns: string[];
}

export function hostThresholds(pm2: Pm2Settings, host: HostConfig): HostThresholds {
  return {
    maxMemory: host["max-memory"] ?? pm2["max-memory"],
    maxRestarts: host["max-restarts"] ?? pm2["max-restarts"],
    minUptime: host["min-uptime"] ?? pm2["min-uptime"],
    maxCpu: host["max-cpu"] ?? pm2["max-cpu"],
    logLines: host["log-lines"] ?? pm2["log-lines"],
    logPatterns: host["log-patterns"] ?? pm2["log-patterns"],
  };
}

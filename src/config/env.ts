/**
 * Overrides from the environment, under the names deployments of the earlier system already set.
 * Intervals: a plain integer is milliseconds (as the old daemon read them), or a duration string.
 * Booleans: true/false/1/0/yes/no. An empty variable counts as unset.
 */
import { LOG_LEVELS, type LogLevel } from "../common/logger.js";
import { parseDuration } from "../common/units.js";
import type { ConfigPath } from "./yaml-position.js";

type EnvKind = "boolean" | "count" | "interval" | "log-level";

export interface EnvOverride {
  name: string;
  path: ConfigPath;
  kind: EnvKind;
}

export const ENV_OVERRIDES: readonly EnvOverride[] = [
  { name: "REDUNDANCY_LOG_LEVEL", path: ["log-level"], kind: "log-level" },
  { name: "REDUNDANCY_AUTO_RECOVERY", path: ["auto-recovery"], kind: "boolean" },
  { name: "REDUNDANCY_MASTER_CHECK_INTERVAL", path: ["check-interval"], kind: "interval" },
  { name: "PM2_MAX_RESTART_ATTEMPTS", path: ["pm2", "max-restart-attempts"], kind: "count" },
  { name: "PM2_AUTO_RECOVERY", path: ["pm2", "auto-recovery"], kind: "boolean" },
  { name: "PM2_HEALTH_CHECK_INTERVAL", path: ["pm2", "check-interval"], kind: "interval" },
  { name: "PM2_REDUNDANCY_LOG_LEVEL", path: ["pm2", "log-level"], kind: "log-level" },
  { name: "GITHUB_MAX_FAILURES", path: ["workflows", "max-failures"], kind: "count" },
  { name: "GITHUB_AUTO_TRIGGER", path: ["workflows", "auto-trigger"], kind: "boolean" },
  { name: "GITHUB_HEALTH_CHECK_INTERVAL", path: ["workflows", "check-interval"], kind: "interval" },
  { name: "GITHUB_REDUNDANCY_LOG_LEVEL", path: ["workflows", "log-level"], kind: "log-level" },
  { name: "NETLIFY_MAX_FAILURES", path: ["netlify", "max-failures"], kind: "count" },
  { name: "NETLIFY_AUTO_DEPLOY", path: ["netlify", "auto-deploy"], kind: "boolean" },
  { name: "NETLIFY_HEALTH_CHECK_INTERVAL", path: ["netlify", "check-interval"], kind: "interval" },
  { name: "NETLIFY_REDUNDANCY_LOG_LEVEL", path: ["netlify", "log-level"], kind: "log-level" },
];

export interface EnvValue {
  override: EnvOverride;
  value: boolean | number | LogLevel;
}

export interface EnvProblem {
  name: string;
  value: string;
  message: string;
}

const TRUE = new Set(["true", "1", "yes"]);
const FALSE = new Set(["false", "0", "no"]);

/** Parses one variable's text; a string result is the reason it is invalid. */
export function parseEnvValue(kind: EnvKind, raw: string): boolean | number | LogLevel | { invalid: string } {
  const text = raw.trim().toLowerCase();
  switch (kind) {
    case "boolean":
      if (TRUE.has(text)) return true;
      if (FALSE.has(text)) return false;
      return { invalid: "expected true, false, 1, 0, yes or no" };
    case "count":
      if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
      return { invalid: "expected a whole number >= 0" };
    case "interval": {
      // The earlier system read intervals as plain milliseconds.
      const ms = /^\d+$/.test(text) ? Number(text) : parseDuration(text);
      if (ms !== undefined && ms > 0 && Number.isSafeInteger(ms)) return ms;
      return { invalid: "expected milliseconds (e.g. 30000) or a duration (e.g. 30s, 5m)" };
    }
    case "log-level": {
      // The earlier system also accepted "warn".
      const level = text === "warn" ? "warning" : text;
      const known = LOG_LEVELS.find((l) => l === level);
      return known ?? { invalid: `expected one of ${LOG_LEVELS.join(", ")}` };
    }
  }
}

/** Reads every known override present in `env`; bad values come back as problems, all of them. */
export function readEnvOverrides(env: Readonly<Record<string, string | undefined>>): {
  values: EnvValue[];
  problems: EnvProblem[];
} {
  const values: EnvValue[] = [];
  const problems: EnvProblem[] = [];
  for (const override of ENV_OVERRIDES) {
    const raw = env[override.name];
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = parseEnvValue(override.kind, raw);
    if (typeof parsed === "object") {
      problems.push({ name: override.name, value: raw, message: `${override.name}='${raw}': ${parsed.invalid}` });
    } else {
      values.push({ override, value: parsed });
    }
  }
  return { values, problems };
}

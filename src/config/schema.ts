/**
 * The schema of `.github/redundancy.yml`. Keys are kebab-case, every object is strict, every
 * section is optional and filled with defaults. Durations become milliseconds and sizes bytes.
 */
import * as z from "zod";
import { LOG_LEVELS } from "../common/logger.js";
import { parseDuration, parseSize } from "../common/units.js";

export const DEFAULT_CONFIG_PATH = ".github/redundancy.yml";

/** Keys whose values are durations (milliseconds in settings), for display. */
export const DURATION_KEYS: ReadonlySet<string> = new Set([
  "check-interval",
  "connect-timeout",
  "command-timeout",
  "settle-time",
  "host-timeout",
  "min-uptime",
]);
/** Keys whose values are sizes (bytes in settings), for display. */
export const SIZE_KEYS: ReadonlySet<string> = new Set(["max-memory"]);

const DURATION_HELP = "a duration such as 30s, 5m, 1h30m or 250ms (a bare number is seconds)";
const SIZE_HELP = "a size such as 512M, 1.5G or 300K (binary units)";

function showValue(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : String(value);
}

function duration(options: { allowZero?: boolean } = {}) {
  return z.union([z.string(), z.number()], { error: `expected ${DURATION_HELP}` }).transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined || (!options.allowZero && ms === 0)) {
      ctx.issues.push({
        code: "custom",
        input: value,
        message: `invalid duration ${showValue(value)}: expected ${DURATION_HELP}`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

function size() {
  return z.union([z.string(), z.number()], { error: `expected ${SIZE_HELP}` }).transform((value, ctx) => {
    const bytes = parseSize(value);
    if (bytes === undefined || bytes === 0) {
      ctx.issues.push({
        code: "custom",
        input: value,
        message: `invalid size ${showValue(value)}: expected ${SIZE_HELP}`,
      });
      return z.NEVER;
    }
    return bytes;
  });
}

function int(min: number, max?: number) {
  const range = max === undefined ? `>= ${min}` : `${min}-${max}`;
  const wrongType = (issue: { input?: unknown }) => `expected an integer ${range}, got ${describeInput(issue.input)}`;
  const outOfRange = (issue: { input?: unknown }) => `must be ${range}, got ${describeInput(issue.input)}`;
  const atLeast = z.number({ error: wrongType }).int({ error: wrongType }).min(min, { error: outOfRange });
  return max === undefined ? atLeast : atLeast.max(max, { error: outOfRange });
}

function bool() {
  return z.boolean({ error: (issue) => `expected true or false, got ${describeInput(issue.input)}` });
}

function text() {
  return z.string({ error: (issue) => `expected a string, got ${describeInput(issue.input)}` });
}

function nonEmptyText() {
  return text().min(1, { error: "must not be empty" });
}

function textList() {
  return z.array(text(), { error: (issue) => `expected a list of strings, got ${describeInput(issue.input)}` });
}

export function describeInput(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "a mapping";
  if (typeof input === "string") return `string '${input}'`;
  return `${typeof input} ${String(input)}`;
}

const logLevel = () =>
  z.enum(LOG_LEVELS, {
    error: (issue) => `expected one of ${LOG_LEVELS.join(", ")}, got ${describeInput(issue.input)}`,
  });

const regexSource = () =>
  text().superRefine((pattern, ctx) => {
    try {
      new RegExp(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.addIssue({ code: "custom", input: pattern, message: `invalid regular expression '${pattern}': ${reason}` });
    }
  });

// [user@]host[:port]; host may be a bracketed IPv6 address.
const JUMP_HOST = /^(?:[^@\s:/]+@)?(?:\[[0-9A-Fa-f:.]+\]|[^@\s:/[\]]+)(?::\d{1,5})?$/;

const obj = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, { error: (issue) => `expected a mapping, got ${describeInput(issue.input)}` });

/** Thresholds set for all hosts in `pm2` and overridable per host. */
const thresholdShape = {
  "max-memory": size().optional().describe("Memory above which an app is unhealthy (e.g. 512M). Unset = not checked."),
  "max-restarts": int(0).optional().describe("Restarts since the last run above which an app is unhealthy."),
  "min-uptime": duration({ allowZero: true })
    .optional()
    .describe("An app up for less than this after a restart counts as unstable."),
  "max-cpu": z
    .number({ error: (issue) => `expected a percentage, got ${describeInput(issue.input)}` })
    .positive({ error: "must be a percentage above 0" })
    .optional()
    .describe("CPU percentage (of one core) above which an app is unhealthy. Unset = not checked."),
  "log-lines": int(1).optional().describe("How many lines of a failing app's error log to read."),
  "log-patterns": z
    .array(regexSource(), { error: "expected a list of regular expressions" })
    .optional()
    .describe("Regular expressions counted in a failing app's error log."),
};

export const DEFAULT_LOG_PATTERNS = ["Error", "ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "Unhandled", "FATAL"];

const hostSchema = obj({
  name: nonEmptyText().describe("Unique name of the host in reports (e.g. web-1)."),
  host: nonEmptyText().optional().describe("Host name or address to connect to; required unless transport is local."),
  port: int(1, 65535).prefault(22).describe("SSH port."),
  user: nonEmptyText().optional().describe("SSH user."),
  transport: z
    .enum(["ssh", "local"], { error: (issue) => `expected ssh or local, got ${describeInput(issue.input)}` })
    .prefault("ssh")
    .describe("ssh (OpenSSH client) or local (same commands on this machine, for self-hosted runners)."),
  "jump-host": text()
    .regex(JUMP_HOST, { error: (issue) => `expected [user@]host[:port], got ${describeInput(issue.input)}` })
    .optional()
    .describe("Bastion to connect through (ProxyJump), as [user@]host[:port]."),
  "pm2-home": nonEmptyText().optional().describe("PM2_HOME on the host (default: the user's ~/.pm2)."),
  "pm2-bin": nonEmptyText().prefault("pm2").describe("The pm2 executable on the host (a path when not on PATH)."),
  apps: textList().prefault([]).describe("Names of the apps expected to run on this host."),
  "ecosystem-file": nonEmptyText().optional().describe("Path on the host of the PM2 ecosystem file."),
  "identity-file": nonEmptyText().optional().describe("Private key file for this host (default: the action's key)."),
  "known-hosts": nonEmptyText()
    .optional()
    .describe("known_hosts lines for this host, or the path of a known_hosts file."),
  ...thresholdShape,
}).superRefine((host, ctx) => {
  if (host.transport === "ssh" && host.host === undefined) {
    ctx.addIssue({ code: "custom", path: ["host"], message: "required unless transport is local" });
  }
});

const pm2Schema = obj({
  "auto-recovery": bool().prefault(true).describe("Restart, re-create or resurrect unhealthy apps."),
  "max-restart-attempts": int(0).prefault(3).describe("Recovery attempts for an app before giving up."),
  "check-interval": duration().prefault("30s").describe("How often PM2 is checked (the old daemon polled every 30s)."),
  concurrency: int(1).prefault(8).describe("Hosts checked at the same time."),
  "connect-timeout": duration().prefault("10s").describe("SSH connect timeout."),
  "command-timeout": duration().prefault("60s").describe("Timeout of one remote command."),
  "settle-time": duration({ allowZero: true })
    .prefault("3s")
    .describe("Wait after a recovery step before re-checking that the app stays online."),
  "host-timeout": duration()
    .prefault("2m")
    .describe("Time budget of one host, checks and recovery included; past it the host's result is unknown."),
  ...thresholdShape,
  "max-restarts": int(0).prefault(10).describe("Restarts since the last run above which an app is unhealthy."),
  "min-uptime": duration({ allowZero: true })
    .prefault("10s")
    .describe("An app up for less than this after a restart counts as unstable."),
  "log-lines": int(1).prefault(200).describe("How many lines of a failing app's error log to read."),
  "log-patterns": z
    .array(regexSource(), { error: "expected a list of regular expressions" })
    .prefault(DEFAULT_LOG_PATTERNS)
    .describe("Regular expressions counted in a failing app's error log."),
  "insecure-skip-host-key-check": bool()
    .prefault(false)
    .describe("Connect without checking host keys. Insecure: prints a warning every run."),
  hosts: z.array(hostSchema, { error: "expected a list of hosts" }).prefault([]).describe("Hosts running PM2."),
  "log-level": logLevel().optional().describe("Log level of the PM2 checks (default: the top-level log-level)."),
}).superRefine((pm2, ctx) => {
  const seen = new Map<string, number>();
  pm2.hosts.forEach((host, index) => {
    const first = seen.get(host.name);
    if (first === undefined) seen.set(host.name, index);
    else
      ctx.addIssue({
        code: "custom",
        path: ["hosts", index, "name"],
        message: `duplicate host name '${host.name}' (also pm2.hosts[${first}])`,
      });
  });
});

const siteSchema = obj({
  name: nonEmptyText().describe("Name of the site in reports."),
  "site-id": nonEmptyText().describe("Netlify site id (API id or name)."),
  "functions-dir": nonEmptyText().optional().describe("Folder of the site's functions in this repository."),
  manifest: nonEmptyText().optional().describe("Path of the functions manifest to check."),
});

const netlifySchema = obj({
  sites: z.array(siteSchema, { error: "expected a list of sites" }).prefault([]).describe("Netlify sites to check."),
  "auto-deploy": bool().prefault(false).describe("Redeploy the last good deploy when a site is broken."),
  "max-failures": int(0).prefault(3).describe("Consecutive failures before escalating."),
  "check-interval": duration().prefault("5m").describe("How often Netlify is checked."),
  "log-level": logLevel().optional().describe("Log level of the Netlify checks (default: the top-level log-level)."),
});

const workflowsSchema = obj({
  "max-failures": int(0).prefault(3).describe("Consecutive failed runs of a workflow before escalating."),
  "auto-trigger": bool().prefault(true).describe("Re-run a workflow whose last run failed."),
  "check-interval": duration().prefault("5m").describe("How often workflow runs are checked."),
  watch: textList().prefault([]).describe("Workflow files to watch (e.g. ci.yml); empty = all."),
  "keep-alive": bool().prefault(false).describe("Keep scheduled workflows from being disabled after 60 days."),
  "log-level": logLevel().optional().describe("Log level of the workflow checks (default: the top-level log-level)."),
});

const ignoreEntry = z.union(
  [
    text(),
    obj({
      path: nonEmptyText().describe("Glob of files the entry applies to."),
      rules: textList().optional().describe("Rule ids to ignore in those files; unset = all rules."),
    }),
  ],
  { error: "expected a path glob or a mapping {path, rules}" },
);

const validateSchema = obj({
  paths: textList()
    .prefault([".github/workflows/*.{yml,yaml}", "**/action.{yml,yaml}"])
    .describe("Globs of the files to lint."),
  ignore: z
    .array(ignoreEntry, { error: "expected a list" })
    .prefault([])
    .describe("Files to skip: a path glob, or {path, rules} to skip only some rules there."),
  disable: textList().prefault([]).describe("Rule ids switched off everywhere."),
  "self-hosted-runner-labels": textList().prefault([]).describe("Labels of self-hosted runners accepted in runs-on."),
  "config-variables": textList()
    .nullable()
    .prefault(null)
    .describe("Names of the configuration variables (vars.*) that exist; null = not checked."),
  shellcheck: z
    .union([z.boolean(), z.string().min(1)], { error: "expected true, false or the path of shellcheck" })
    .prefault(true)
    .describe("Run shellcheck on run: scripts when installed; false to skip, or the path of the executable."),
  "github-token-fetch": bool()
    .prefault(true)
    .describe("With a token, fetch metadata of actions missing from the bundled data set from the GitHub API."),
});

const backupSchema = obj({
  branch: nonEmptyText()
    .prefault("redundancy-backups")
    .superRefine((branch, ctx) => {
      if (/(^|\/)\.github\/workflows(\/|$)/.test(branch) || /\.ya?ml$/.test(branch)) {
        ctx.addIssue({ code: "custom", message: `'${branch}' looks like a workflow path; use a branch name` });
      } else if (/\s|\.\.|[~^:?*[\\]|^-|\/$|\.lock$|@\{/.test(branch)) {
        ctx.addIssue({ code: "custom", message: `'${branch}' is not a valid git branch name` });
      }
    })
    .describe("Orphan branch the backups are committed to."),
  "artifact-name": nonEmptyText().prefault("redundancy-backup").describe("Name of the workflow artifact."),
  "retention-days": int(1, 90).prefault(30).describe("Days the artifact is kept (1-90)."),
  paths: textList()
    .prefault([".github/workflows", ".github/redundancy.yml"])
    .describe("Repository paths included in the backup."),
});

const escalationSchema = obj({
  labels: textList().prefault(["redundancy"]).describe("Labels of the issue opened on escalation."),
  assignees: textList().prefault([]).describe("Users assigned to that issue."),
  "close-when-healthy": bool().prefault(true).describe("Comment and close the issue when everything is healthy again."),
  "failures-before-issue": int(1).prefault(3).describe("Consecutive failed runs before an issue is opened."),
});

export const configSchema = obj({
  "log-level": logLevel().prefault("info").describe("debug, info, warning or error."),
  "auto-recovery": bool().prefault(true).describe("Master switch: no recovery action anywhere when false."),
  "check-interval": duration().prefault("5m").describe("How often the whole health cycle runs."),
  validate: validateSchema.prefault({}).describe("The workflow linter."),
  pm2: pm2Schema.prefault({}).describe("PM2 processes on remote hosts."),
  netlify: netlifySchema.prefault({}).describe("Netlify sites and functions."),
  workflows: workflowsSchema.prefault({}).describe("This repository's own workflow runs."),
  backup: backupSchema.prefault({}).describe("Backups to a branch and an artifact."),
  escalation: escalationSchema.prefault({}).describe("Issues opened when recovery gives up."),
});

/** The file as parsed: sections' log-level may be unset. */
export type ParsedConfig = z.output<typeof configSchema>;
export type HostConfig = ParsedConfig["pm2"]["hosts"][number];
export type NetlifySite = ParsedConfig["netlify"]["sites"][number];
export type IgnoreEntry = ParsedConfig["validate"]["ignore"][number];
export type LogLevelSetting = ParsedConfig["log-level"];

type WithLogLevel<T> = Omit<T, "log-level"> & { "log-level": LogLevelSetting };

/** Effective settings: durations in ms, sizes in bytes, every section's log-level resolved. */
export type Settings = Omit<ParsedConfig, "pm2" | "netlify" | "workflows"> & {
  pm2: WithLogLevel<ParsedConfig["pm2"]>;
  netlify: WithLogLevel<ParsedConfig["netlify"]>;
  workflows: WithLogLevel<ParsedConfig["workflows"]>;
};
export type Pm2Settings = Settings["pm2"];

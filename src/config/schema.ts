/**
 * The schema of `.github/redundancy.yml`. Keys are kebab-case, every object is strict, every
 * section is optional and filled with defaults. Durations become milliseconds and sizes bytes.
 *
 * Written with zod/mini, the functional API over the same core as classic zod (same checks, parsing
 * and issues) without classic's methods on every schema. Every command builds this schema and parses
 * the config once, and with mini importing zod, building the schema and the first parse take about
 * 30 ms less (70 instead of 100 ms, config import and first load, measured on a busy 2-core machine).
 * `about` registers the descriptions the JSON Schema (./json-schema.ts) shows, as classic
 * `.describe()` did on a copy of the schema.
 */
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";
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

// Classic zod loads its English messages by itself; mini leaves the choice to the program.
z.config(en());

const DURATION_HELP = "a duration such as 30s, 5m, 1h30m or 250ms (a bare number is seconds)";
const SIZE_HELP = "a size such as 512M, 1.5G or 300K (binary units)";

function showValue(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : String(value);
}

/** Registers the description the JSON Schema shows for this setting; returns the same schema. */
function about<T extends z.core.$ZodType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

function duration(options: { allowZero?: boolean } = {}) {
  return z.pipe(
    z.union([z.string(), z.number()], { error: `expected ${DURATION_HELP}` }),
    z.transform((value: string | number, ctx) => {
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
    }),
  );
}

function size() {
  return z.pipe(
    z.union([z.string(), z.number()], { error: `expected ${SIZE_HELP}` }),
    z.transform((value: string | number, ctx) => {
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
    }),
  );
}

function int(min: number, max?: number) {
  const range = max === undefined ? `>= ${min}` : `${min}-${max}`;
  const wrongType = (issue: { input?: unknown }) => `expected an integer ${range}, got ${describeInput(issue.input)}`;
  const outOfRange = (issue: { input?: unknown }) => `must be ${range}, got ${describeInput(issue.input)}`;
  const checks: z.core.$ZodCheck<number>[] = [z.int({ error: wrongType }), z.minimum(min, { error: outOfRange })];
  if (max !== undefined) checks.push(z.maximum(max, { error: outOfRange }));
  return z.number({ error: wrongType }).check(...checks);
}

function bool() {
  return z.boolean({ error: (issue) => `expected true or false, got ${describeInput(issue.input)}` });
}

function text() {
  return z.string({ error: (issue) => `expected a string, got ${describeInput(issue.input)}` });
}

function nonEmptyText() {
  return text().check(z.minLength(1, { error: "must not be empty" }));
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
  text().check(
    z.superRefine((pattern: string, ctx) => {
      try {
        new RegExp(pattern);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        ctx.addIssue({ code: "custom", input: pattern, message: `invalid regular expression '${pattern}': ${reason}` });
      }
    }),
  );

// [user@]host[:port]; host may be a bracketed IPv6 address.
const JUMP_HOST = /^(?:[^@\s:/]+@)?(?:\[[0-9A-Fa-f:.]+\]|[^@\s:/[\]]+)(?::\d{1,5})?$/;

const obj = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.strictObject(shape, { error: (issue) => `expected a mapping, got ${describeInput(issue.input)}` });

/** Thresholds set for all hosts in `pm2` and overridable per host. */
const thresholdShape = {
  "max-memory": about(z.optional(size()), "Memory above which an app is unhealthy (e.g. 512M). Unset = not checked."),
  "max-restarts": about(z.optional(int(0)), "Restarts since the last run above which an app is unhealthy."),
  "min-uptime": about(
    z.optional(duration({ allowZero: true })),
    "An app up for less than this after a restart counts as unstable.",
  ),
  "max-cpu": about(
    z.optional(
      z
        .number({ error: (issue) => `expected a percentage, got ${describeInput(issue.input)}` })
        .check(z.positive({ error: "must be a percentage above 0" })),
    ),
    "CPU percentage (of one core) above which an app is unhealthy. Unset = not checked.",
  ),
  "log-lines": about(z.optional(int(1)), "How many lines of a failing app's error log to read."),
  "log-patterns": about(
    z.optional(z.array(regexSource(), { error: "expected a list of regular expressions" })),
    "Regular expressions counted in a failing app's error log.",
  ),
};

export const DEFAULT_LOG_PATTERNS = ["Error", "ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "Unhandled", "FATAL"];

const hostSchema = obj({
  name: about(nonEmptyText(), "Unique name of the host in reports (e.g. web-1)."),
  host: about(z.optional(nonEmptyText()), "Host name or address to connect to; required unless transport is local."),
  port: about(z.prefault(int(1, 65535), 22), "SSH port."),
  user: about(z.optional(nonEmptyText()), "SSH user."),
  transport: about(
    z.prefault(
      z.enum(["ssh", "local"], { error: (issue) => `expected ssh or local, got ${describeInput(issue.input)}` }),
      "ssh",
    ),
    "ssh (OpenSSH client) or local (same commands on this machine, for self-hosted runners).",
  ),
  "jump-host": about(
    z.optional(
      text().check(
        z.regex(JUMP_HOST, { error: (issue) => `expected [user@]host[:port], got ${describeInput(issue.input)}` }),
      ),
    ),
    "Bastion to connect through (ProxyJump), as [user@]host[:port].",
  ),
  "pm2-home": about(z.optional(nonEmptyText()), "PM2_HOME on the host (default: the user's ~/.pm2)."),
  "pm2-bin": about(z.prefault(nonEmptyText(), "pm2"), "The pm2 executable on the host (a path when not on PATH)."),
  apps: about(z.prefault(textList(), []), "Names of the apps expected to run on this host."),
  "ecosystem-file": about(z.optional(nonEmptyText()), "Path on the host of the PM2 ecosystem file."),
  "identity-file": about(z.optional(nonEmptyText()), "Private key file for this host (default: the action's key)."),
  "known-hosts": about(
    z.optional(nonEmptyText()),
    "known_hosts lines for this host, or the path of a known_hosts file.",
  ),
  ...thresholdShape,
}).check(
  z.superRefine((host, ctx) => {
    if (host.transport === "ssh" && host.host === undefined) {
      ctx.addIssue({ code: "custom", path: ["host"], message: "required unless transport is local" });
    }
  }),
);

const pm2Schema = obj({
  "auto-recovery": about(z.prefault(bool(), true), "Restart, re-create or resurrect unhealthy apps."),
  "max-restart-attempts": about(z.prefault(int(0), 3), "Recovery attempts for an app before giving up."),
  "check-interval": about(z.prefault(duration(), "30s"), "How often PM2 is checked (the old daemon polled every 30s)."),
  concurrency: about(z.prefault(int(1), 8), "Hosts checked at the same time."),
  "connect-timeout": about(z.prefault(duration(), "10s"), "SSH connect timeout."),
  "command-timeout": about(z.prefault(duration(), "60s"), "Timeout of one remote command."),
  "settle-time": about(
    z.prefault(duration({ allowZero: true }), "3s"),
    "Wait after a recovery step before re-checking that the app stays online.",
  ),
  "host-timeout": about(
    z.prefault(duration(), "2m"),
    "Time budget of one host, checks and recovery included; past it the host's result is unknown.",
  ),
  ...thresholdShape,
  "max-restarts": about(z.prefault(int(0), 10), "Restarts since the last run above which an app is unhealthy."),
  "min-uptime": about(
    z.prefault(duration({ allowZero: true }), "10s"),
    "An app up for less than this after a restart counts as unstable.",
  ),
  "log-lines": about(z.prefault(int(1), 200), "How many lines of a failing app's error log to read."),
  "log-patterns": about(
    z.prefault(z.array(regexSource(), { error: "expected a list of regular expressions" }), DEFAULT_LOG_PATTERNS),
    "Regular expressions counted in a failing app's error log.",
  ),
  "insecure-skip-host-key-check": about(
    z.prefault(bool(), false),
    "Connect without checking host keys. Insecure: prints a warning every run.",
  ),
  hosts: about(z.prefault(z.array(hostSchema, { error: "expected a list of hosts" }), []), "Hosts running PM2."),
  "log-level": about(z.optional(logLevel()), "Log level of the PM2 checks (default: the top-level log-level)."),
}).check(
  z.superRefine((pm2, ctx) => {
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
  }),
);

const siteSchema = obj({
  name: about(nonEmptyText(), "Name of the site in reports."),
  "site-id": about(nonEmptyText(), "Netlify site id (API id or name)."),
  "functions-dir": about(z.optional(nonEmptyText()), "Folder of the site's functions in this repository."),
  manifest: about(z.optional(nonEmptyText()), "Path of the functions manifest to check."),
});

const netlifySchema = obj({
  sites: about(z.prefault(z.array(siteSchema, { error: "expected a list of sites" }), []), "Netlify sites to check."),
  "auto-deploy": about(z.prefault(bool(), false), "Redeploy the last good deploy when a site is broken."),
  "max-failures": about(z.prefault(int(0), 3), "Consecutive failures before escalating."),
  "check-interval": about(z.prefault(duration(), "5m"), "How often Netlify is checked."),
  "log-level": about(z.optional(logLevel()), "Log level of the Netlify checks (default: the top-level log-level)."),
});

const workflowsSchema = obj({
  "max-failures": about(z.prefault(int(0), 3), "Consecutive failed runs of a workflow before escalating."),
  "auto-trigger": about(z.prefault(bool(), true), "Re-run a workflow whose last run failed."),
  "check-interval": about(z.prefault(duration(), "5m"), "How often workflow runs are checked."),
  watch: about(z.prefault(textList(), []), "Workflow files to watch (e.g. ci.yml); empty = all."),
  "keep-alive": about(z.prefault(bool(), false), "Keep scheduled workflows from being disabled after 60 days."),
  "log-level": about(z.optional(logLevel()), "Log level of the workflow checks (default: the top-level log-level)."),
});

const ignoreEntry = z.union(
  [
    text(),
    obj({
      path: about(nonEmptyText(), "Glob of files the entry applies to."),
      rules: about(z.optional(textList()), "Rule ids to ignore in those files; unset = all rules."),
    }),
  ],
  { error: "expected a path glob or a mapping {path, rules}" },
);

const validateSchema = obj({
  paths: about(
    z.prefault(textList(), [".github/workflows/*.{yml,yaml}", "**/action.{yml,yaml}"]),
    "Globs of the files to lint.",
  ),
  ignore: about(
    z.prefault(z.array(ignoreEntry, { error: "expected a list" }), []),
    "Files to skip: a path glob, or {path, rules} to skip only some rules there.",
  ),
  disable: about(z.prefault(textList(), []), "Rule ids switched off everywhere."),
  "self-hosted-runner-labels": about(z.prefault(textList(), []), "Labels of self-hosted runners accepted in runs-on."),
  "config-variables": about(
    z.prefault(z.nullable(textList()), null),
    "Names of the configuration variables (vars.*) that exist; null = not checked.",
  ),
  shellcheck: about(
    z.prefault(
      z.union([z.boolean(), z.string().check(z.minLength(1))], {
        error: "expected true, false or the path of shellcheck",
      }),
      true,
    ),
    "Run shellcheck on run: scripts when installed; false to skip, or the path of the executable.",
  ),
  "github-token-fetch": about(
    z.prefault(bool(), true),
    "With a token, fetch metadata of actions missing from the bundled data set from the GitHub API.",
  ),
});

const backupSchema = obj({
  branch: about(
    z.prefault(nonEmptyText(), "redundancy-backups").check(
      z.superRefine((branch: string, ctx) => {
        if (/(^|\/)\.github\/workflows(\/|$)/.test(branch) || /\.ya?ml$/.test(branch)) {
          ctx.addIssue({ code: "custom", message: `'${branch}' looks like a workflow path; use a branch name` });
        } else if (/\s|\.\.|[~^:?*[\\]|^-|\/$|\.lock$|@\{/.test(branch)) {
          ctx.addIssue({ code: "custom", message: `'${branch}' is not a valid git branch name` });
        }
      }),
    ),
    "Orphan branch the backups are committed to.",
  ),
  "artifact-name": about(z.prefault(nonEmptyText(), "redundancy-backup"), "Name of the workflow artifact."),
  "retention-days": about(z.prefault(int(1, 90), 30), "Days the artifact is kept (1-90)."),
  paths: about(
    z.prefault(textList(), [".github/workflows", ".github/redundancy.yml"]),
    "Repository paths included in the backup.",
  ),
});

const escalationSchema = obj({
  labels: about(z.prefault(textList(), ["redundancy"]), "Labels of the issue opened on escalation."),
  assignees: about(z.prefault(textList(), []), "Users assigned to that issue."),
  "close-when-healthy": about(
    z.prefault(bool(), true),
    "Comment and close the issue when everything is healthy again.",
  ),
  "failures-before-issue": about(z.prefault(int(1), 3), "Consecutive failed runs before an issue is opened."),
});

export const configSchema = obj({
  "log-level": about(z.prefault(logLevel(), "info"), "debug, info, warning or error."),
  "auto-recovery": about(z.prefault(bool(), true), "Master switch: no recovery action anywhere when false."),
  "check-interval": about(z.prefault(duration(), "5m"), "How often the whole health cycle runs."),
  validate: about(z.prefault(validateSchema, {}), "The workflow linter."),
  pm2: about(z.prefault(pm2Schema, {}), "PM2 processes on remote hosts."),
  netlify: about(z.prefault(netlifySchema, {}), "Netlify sites and functions."),
  workflows: about(z.prefault(workflowsSchema, {}), "This repository's own workflow runs."),
  backup: about(z.prefault(backupSchema, {}), "Backups to a branch and an artifact."),
  escalation: about(z.prefault(escalationSchema, {}), "Issues opened when recovery gives up."),
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

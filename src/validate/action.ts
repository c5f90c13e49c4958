/**
 * The validate action: inputs -> config -> files -> engine -> annotations, job summary, outputs.
 * The one file of src/validate that talks to the runner.
 */
import * as core from "@actions/core";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { getChoiceInput, getListInput, getOptionalInput, type InputReader } from "../common/inputs.js";
import { Redactor } from "../common/redact.js";
import { registerSecret, runAction, RunnerLogger, runnerInputReader } from "../common/runner.js";
import { loadConfig } from "../config/index.js";
import { prepareOptions, validateFiles } from "./engine.js";
import { resolveFiles } from "./files.js";
import { formatGithub } from "./format-github.js";
import { formatJson } from "./format-json.js";
import { formatSarif } from "./format-sarif.js";
import { formatText, summaryLine } from "./format-text.js";
import { createLocalLookups } from "./lookups-local.js";
import { restoreMetadataCache, saveMetadataCache } from "./metadata/actions-cache.js";
import { collectRemoteUses, RemoteActionMetadata } from "./metadata/remote.js";
import { exitCodeFor, FAIL_ON, FORMATS } from "./policy.js";
import { validateRunFromConfig } from "./settings.js";
import { validateSummaryMarkdown } from "./summary.js";

export const TOOL_VERSION = "1.0.0";

/** `shellcheck` input: "true"/"false" or the path of the executable; empty = the config's setting. */
function shellcheckInput(read: InputReader): string | false | undefined {
  const value = getOptionalInput(read, "shellcheck");
  if (value === undefined) return undefined;
  if (/^(true|yes|on|1)$/i.test(value)) return "shellcheck";
  if (/^(false|no|off|0)$/i.test(value)) return false;
  return value;
}

async function main(read: InputReader, redactor: Redactor): Promise<void> {
  const logger = new RunnerLogger();
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const format = getChoiceInput(read, "format", FORMATS, { default: "text" });
  const failOn = getChoiceInput(read, "fail-on", FAIL_ON, { default: "error" });
  const token = getOptionalInput(read, "github-token");
  registerSecret(token, redactor);

  const config = await loadConfig({ file: getOptionalInput(read, "config"), env: process.env, cwd: workspace });
  const run = validateRunFromConfig(config.settings.validate, workspace);
  const shellcheck = shellcheckInput(read);
  if (shellcheck !== undefined && run.options.settings) run.options.settings.shellcheck = shellcheck;

  const paths = getListInput(read, "paths");
  const files = resolveFiles(paths.length > 0 ? paths : run.paths, workspace);
  const fetchRemote = token !== undefined && config.settings.validate["github-token-fetch"];
  const cacheDir = join(process.env.RUNNER_TEMP || workspace, "redundancy-action-metadata");
  const remote = new RemoteActionMetadata(fetchRemote ? { token, cacheDir, logger } : {});
  const prepared = prepareOptions({
    ...run.options,
    lookups: createLocalLookups({ root: workspace, remote: (uses) => remote.lookup(uses) }),
  });
  if (fetchRemote) await restoreMetadataCache(cacheDir, logger);
  const result = await validateFiles(files, prepared, {
    beforeLint: (sources) => remote.prefetch(collectRemoteUses(sources.values())),
  });
  if (fetchRemote) await saveMetadataCache(cacheDir, process.env.GITHUB_RUN_ID || String(Date.now()), logger);

  const { findings } = result;
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;

  // Annotations (one workflow command per finding), then the chosen format in the log.
  process.stdout.write(redactor.redact(formatGithub(findings)));
  if (format === "json") core.info(redactor.redact(formatJson(findings)));
  else if (format === "sarif") core.info(`SARIF written for ${findings.length} findings`);
  else if (format === "text") core.info(redactor.redact(formatText(findings, { sources: result.sources }).trimEnd()));
  core.info(summaryLine(findings, result.files.length));

  const sarifInput = getOptionalInput(read, "sarif-file");
  if (sarifInput !== undefined || format === "sarif") {
    const sarifPath = resolve(workspace, sarifInput ?? "redundancy-validate.sarif");
    writeFileSync(sarifPath, formatSarif(findings, { rules: prepared.rules, version: TOOL_VERSION }));
    core.setOutput("sarif-file", sarifPath);
  }
  core.setOutput("errors", String(errors));
  core.setOutput("warnings", String(warnings));
  await core.summary.addRaw(redactor.redact(validateSummaryMarkdown(findings, result.files.length))).write();

  if (exitCodeFor(findings, failOn) !== 0) {
    core.setFailed(`${summaryLine(findings, result.files.length)} (fail-on: ${failOn})`);
  }
}

/** Runs the action; returns the exit code. */
export async function run(): Promise<number> {
  const redactor = new Redactor();
  return runAction(() => main(runnerInputReader, redactor), { redactor });
}

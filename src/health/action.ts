/** The root action: config -> the checks that exist today (validate, pm2) -> one report, outputs and summary. */
import * as core from "@actions/core";
import { isAbsolute, resolve } from "node:path";
import { getChoiceInput, getListInput, getOptionalInput, type InputReader } from "../common/inputs.js";
import { RedactingLogger } from "../common/logger.js";
import { Redactor } from "../common/redact.js";
import { redactResults, resultsSummaryMarkdown } from "../common/report.js";
import { registerSecret, runAction, RunnerLogger, runnerInputReader } from "../common/runner.js";
import { loadConfig, type LoadedConfig } from "../config/index.js";
import { settingsFromInputs, writeSecrets } from "../pm2/action.js";
import { checkPm2, emptyState, readStateFile, writeStateFile } from "../pm2/index.js";
import { check as checkValidate } from "../validate/check.js";
import {
  HEALTH_FAIL_ON,
  parseChecks,
  planChecks,
  resultAnnotations,
  runHealth,
  stepFailure,
  type HealthRunners,
} from "./run.js";

function runners(read: InputReader, loaded: LoadedConfig, workspace: string, redactor: Redactor): HealthRunners {
  return {
    validate: () => checkValidate({ root: workspace, config: loaded.settings.validate }),
    pm2: async () => {
      const secrets = writeSecrets(read, redactor, workspace);
      const settings = await settingsFromInputs(read, secrets, workspace, process.env, loaded);
      const stateInput = getOptionalInput(read, "state-file");
      const statePath =
        stateInput === undefined ? undefined : isAbsolute(stateInput) ? stateInput : resolve(workspace, stateInput);
      const previous = statePath ? readStateFile(statePath) : emptyState();
      const logger = new RedactingLogger(new RunnerLogger(), (t) => redactor.redact(t));
      const report = await checkPm2(settings, previous, { logger, redactor });
      if (statePath) writeStateFile(statePath, report.state);
      return report.results;
    },
  };
}

async function main(read: InputReader, redactor: Redactor): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  registerSecret(getOptionalInput(read, "ssh-private-key"), redactor);
  const failOn = getChoiceInput(read, "fail-on", HEALTH_FAIL_ON, { default: "fail" });
  const selected = parseChecks(getListInput(read, "checks"));
  const loaded = await loadConfig({ file: getOptionalInput(read, "config"), env: process.env, cwd: workspace });
  const plan = planChecks(selected, loaded.settings.pm2.hosts.length);
  for (const line of plan.skipped) core.info(line);
  core.info(`checks: ${plan.checks.join(", ") || "none"}`);

  const report = await runHealth(plan, runners(read, loaded, workspace, redactor));
  const results = redactResults(report.results, redactor);
  core.setOutput("status", report.status);
  core.setOutput("report-json", JSON.stringify(results));
  core.setOutput("failed", String(report.failed));
  for (const a of resultAnnotations(results)) {
    const properties = { title: a.title, file: a.file };
    if (a.severity === "error") core.error(a.message, properties);
    else core.warning(a.message, properties);
  }
  await core.summary.addRaw(resultsSummaryMarkdown(results, "redundancy health", { redactor })).write();
  const failure = stepFailure(report, failOn);
  if (failure !== undefined) {
    core.setFailed(failure);
    process.exitCode = 1;
  }
}

/** Runs the action; returns the exit code. */
export async function run(): Promise<number> {
  const redactor = new Redactor();
  return runAction(() => main(runnerInputReader, redactor), { redactor });
}

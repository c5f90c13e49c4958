/** `redundancy validate [paths...]`: lint workflows and action.yml files. */
import { loadConfig } from "../../config/index.js";
import { ConfigurationError } from "../../common/errors.js";
import { prepareOptions } from "../../validate/engine.js";
import { resolveFiles } from "../../validate/files.js";
import { validateFilesParallel } from "../../validate/parallel.js";
import { formatGithub } from "../../validate/format-github.js";
import { formatJson } from "../../validate/format-json.js";
import { formatSarif } from "../../validate/format-sarif.js";
import { formatText, summaryLine } from "../../validate/format-text.js";
import { ALL_RULES } from "../../validate/rules/index.js";
import { validateRunFromConfig } from "../../validate/settings.js";
import { exitCodeFor, FAIL_ON, FORMATS } from "../../validate/policy.js";
import type { Command } from "../command.js";

function choice<T extends string>(value: unknown, choices: readonly T[], flag: string): T {
  const found = choices.find((c) => c === value);
  if (!found) {
    throw new ConfigurationError(`--${flag} must be one of ${choices.join(", ")}, got '${String(value)}'`, {
      key: `--${flag}`,
    });
  }
  return found;
}

/** The version printed in SARIF output. */
const TOOL_VERSION = "1.0.0";

export const validateCommand: Command = {
  name: "validate",
  summary: "lint workflow files and action.yml files",
  usage: "validate [paths...] [--format text|json|sarif|github] [--rule ID...] [--fail-on error|warning|never]",
  allowPositionals: true,
  options: {
    format: {
      type: "string",
      description: "output format: text, json, sarif or github",
      default: "text",
      valueName: "FORMAT",
    },
    rule: { type: "string", multiple: true, description: "run only this rule (repeatable)", valueName: "ID" },
    "fail-on": {
      type: "string",
      description: "exit 1 on: error (default), warning, or never",
      default: "error",
      valueName: "LEVEL",
    },
    "no-color": { type: "boolean", description: "no colours in text output" },
  },
  async run(args, io) {
    const format = choice(args.values.format, FORMATS, "format");
    const failOn = choice(args.values["fail-on"], FAIL_ON, "fail-on");
    const only = Array.isArray(args.values.rule) ? args.values.rule : [];
    const known = new Set(ALL_RULES.map((r) => r.id));
    for (const id of only) {
      if (!known.has(id)) {
        throw new ConfigurationError(`unknown rule '${id}'; known rules: ${[...known].join(", ")}`, { key: "--rule" });
      }
    }
    const configFile = typeof args.values.config === "string" ? args.values.config : undefined;
    const config = await loadConfig({ file: configFile, env: io.env, cwd: io.cwd });
    const run = validateRunFromConfig(config.settings.validate, io.cwd);
    const files = resolveFiles(args.positionals.length > 0 ? args.positionals : run.paths, io.cwd);
    const portable = {
      root: io.cwd,
      settings: run.options.settings ?? {},
      only,
      ignore: [...(run.options.ignore ?? [])],
    };
    const prepared = prepareOptions(portable);
    const threads = Number.parseInt(io.env.REDUNDANCY_VALIDATE_THREADS ?? "", 10);
    const result = await validateFilesParallel(files, portable, threads > 0 ? { threads } : {});
    const findings = result.findings;
    if (format === "json") io.stdout(formatJson(findings));
    else if (format === "sarif") io.stdout(formatSarif(findings, { rules: prepared.rules, version: TOOL_VERSION }));
    else if (format === "github") io.stdout(formatGithub(findings));
    else {
      const color = io.isTTY && args.values["no-color"] !== true && io.env.NO_COLOR === undefined;
      io.stdout(formatText(findings, { sources: result.sources, color }));
      if (findings.length > 0) io.stderr(`${summaryLine(findings, result.files.length)}\n`);
    }
    return exitCodeFor(findings, failOn);
  },
};

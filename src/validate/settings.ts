/** Turns the config's `validate` section into engine options. */
import type { Settings } from "../config/index.js";
import type { ValidateOptions } from "./engine.js";

export type ValidateConfig = Settings["validate"];

export interface ValidateRun {
  /** Globs or paths from the config (used when the user names none). */
  paths: string[];
  options: ValidateOptions;
}

export function validateRunFromConfig(config: ValidateConfig, root: string): ValidateRun {
  const shellcheck =
    config.shellcheck === true ? "shellcheck" : config.shellcheck === false ? false : config.shellcheck;
  return {
    paths: [...config.paths],
    options: {
      root,
      settings: {
        selfHostedLabels: [...config["self-hosted-runner-labels"]],
        knownVariables: config["config-variables"] ? [...config["config-variables"]] : [],
        shellcheck,
        disabledRules: [...config.disable],
      },
      ignore: config.ignore.map((entry) =>
        typeof entry === "string" ? entry : { path: entry.path, rules: entry.rules ? [...entry.rules] : undefined },
      ),
    },
  };
}

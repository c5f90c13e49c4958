/** The validate capability as the sync-health cycle calls it: config in, one CheckResult per file out. */
import type { CheckResult } from "../common/result.js";
import { resolveFiles } from "./files.js";
import { validateFilesParallel } from "./parallel.js";
import { findingsToCheckResults } from "./results.js";
import { validateRunFromConfig, type ValidateConfig } from "./settings.js";

export interface ValidateCheckOptions {
  /** The repository root; paths and `./` lookups are relative to it. */
  root: string;
  /** The config's `validate` section. */
  config: ValidateConfig;
  /** Files, folders or globs; default the config's paths. */
  paths?: string[];
}

export async function check(options: ValidateCheckOptions): Promise<CheckResult[]> {
  const run = validateRunFromConfig(options.config, options.root);
  const files = resolveFiles(options.paths && options.paths.length > 0 ? options.paths : run.paths, options.root);
  const result = await validateFilesParallel(files, {
    root: options.root,
    settings: run.options.settings ?? {},
    ignore: [...(run.options.ignore ?? [])],
  });
  return findingsToCheckResults(result.files, result.findings);
}

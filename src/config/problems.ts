import { ConfigurationError, formatLocated, type SourceLocation } from "../common/errors.js";

/** One thing wrong with the configuration: a file position and dotted key, or a variable. */
export interface ConfigProblem extends SourceLocation {
  message: string;
}

export function formatProblem(problem: ConfigProblem): string {
  return formatLocated(problem.message, problem);
}

/** Every problem found in one load, reported together, one per line. */
export class ConfigValidationError extends ConfigurationError {
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: ConfigProblem[]) {
    const sorted = [...problems].sort(
      (a, b) =>
        Number(a.file === undefined) - Number(b.file === undefined) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0),
    );
    if (sorted.length === 1) {
      super(sorted[0].message, sorted[0]);
    } else {
      const lines = sorted.map((p) => `  ${formatProblem(p)}`);
      super(`${sorted.length} configuration errors:\n${lines.join("\n")}`, { file });
    }
    this.name = "ConfigValidationError";
    this.problems = sorted;
  }
}

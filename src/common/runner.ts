/** The thin adapter between our code and the Actions runner; the only file in common/ that imports @actions/core. */
import * as core from "@actions/core";
import { isConfigurationError, errorMessage, formatLocated, type SourceLocation } from "./errors.js";
import type { InputReader } from "./inputs.js";
import type { Logger } from "./logger.js";
import { Redactor } from "./redact.js";

/** Reads `INPUT_<NAME>` as the runner sets it. */
export const runnerInputReader: InputReader = (name) => core.getInput(name);

function annotationProperties(location: SourceLocation | undefined): core.AnnotationProperties {
  if (!location?.file) return {};
  return { file: location.file, startLine: location.line, startColumn: location.column };
}

/** A message with its key (host, input, field) in front when the message does not already name it. */
function withKey(message: string, location: SourceLocation | undefined): string {
  return location?.key ? formatLocated(message, { key: location.key }) : message;
}

/** Logs to the runner; warnings and errors that carry a file become annotations on that file. */
export class RunnerLogger implements Logger {
  debug(message: string): void {
    core.debug(message);
  }
  info(message: string): void {
    core.info(message);
  }
  warning(message: string, location?: SourceLocation): void {
    core.warning(withKey(message, location), annotationProperties(location));
  }
  error(message: string, location?: SourceLocation): void {
    core.error(withKey(message, location), annotationProperties(location));
  }
}

/** Masks a value in the runner's log and adds it to our own redactor (used for reports, issues, backups). */
export function registerSecret(value: string | undefined, redactor: Redactor): void {
  if (!value) return;
  core.setSecret(value);
  for (const line of value.split(/\r?\n/)) {
    // Short lines (a lone "}" in a JSON secret) would mask every occurrence in the log.
    if (line.trim().length >= 4 && line !== value) core.setSecret(line.trim());
  }
  redactor.addSecret(value);
}

export interface RunActionOptions {
  /** Applied to the failure message; the secrets registered so far are removed from it. */
  redactor?: Redactor;
}

/**
 * Runs an action's main. A ConfigurationError fails the step with its message only; anything
 * else is a bug: its message fails the step and its stack goes to the debug log. Returns the exit
 * code (also set on process.exitCode) so the entrypoint can exit without waiting on open sockets.
 */
export async function runAction(main: () => Promise<void>, options: RunActionOptions = {}): Promise<number> {
  const redactor = options.redactor ?? new Redactor();
  try {
    await main();
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (isConfigurationError(error)) {
      core.setFailed(redactor.redact(error.message));
    } else {
      if (error instanceof Error && error.stack) core.debug(redactor.redact(error.stack));
      core.setFailed(redactor.redact(errorMessage(error)));
    }
    process.exitCode = 1;
    return 1;
  }
}

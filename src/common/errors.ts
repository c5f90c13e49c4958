/** Where in a user's input a problem sits; any part may be unknown. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** A host, key, field or variable name the user can search for. */
  key?: string;
}

/**
 * A mistake the user can fix (bad config, bad input, unreachable host named in config).
 * Reported as a clear one-line message without a stack; everything else is a bug.
 */
export class ConfigurationError extends Error {
  readonly location: SourceLocation;

  constructor(message: string, location: SourceLocation = {}) {
    super(formatLocated(message, location));
    this.name = "ConfigurationError";
    this.location = location;
  }
}

export function formatLocated(message: string, location: SourceLocation): string {
  const where: string[] = [];
  if (location.file) {
    let pos = location.file;
    if (location.line !== undefined) pos += `:${location.line}`;
    if (location.line !== undefined && location.column !== undefined) pos += `:${location.column}`;
    where.push(pos);
  }
  if (location.key && !message.includes(location.key)) where.push(location.key);
  return where.length > 0 ? `${where.join(": ")}: ${message}` : message;
}

export function isConfigurationError(error: unknown): error is ConfigurationError {
  return error instanceof ConfigurationError;
}

/** The message of anything thrown, for places that must print it. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import type { SourceLocation } from "./errors.js";

export type LogLevel = "debug" | "info" | "warning" | "error";

export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warning", "error"];

/** What pure logic uses to speak; the runner-backed, console and recording loggers implement it. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string, location?: SourceLocation): void;
  error(message: string, location?: SourceLocation): void;
}

export interface LogEntry {
  level: LogLevel;
  message: string;
  location?: SourceLocation;
}

/** Keeps every entry in memory: for tests, and for collecting evidence to report later. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(message: string): void {
    this.entries.push({ level: "debug", message });
  }
  info(message: string): void {
    this.entries.push({ level: "info", message });
  }
  warning(message: string, location?: SourceLocation): void {
    this.entries.push({ level: "warning", message, location });
  }
  error(message: string, location?: SourceLocation): void {
    this.entries.push({ level: "error", message, location });
  }

  messages(level?: LogLevel): string[] {
    return this.entries.filter((e) => level === undefined || e.level === level).map((e) => e.message);
  }

  text(): string {
    return this.entries.map((e) => `${e.level}: ${e.message}`).join("\n");
  }
}

/** Writes to stderr for the CLI (stdout is kept for results), dropping levels below `minLevel`. */
export class StreamLogger implements Logger {
  constructor(
    private readonly minLevel: LogLevel = "info",
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  private enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(this.minLevel);
  }
  debug(message: string): void {
    if (this.enabled("debug")) this.write(`debug: ${message}`);
  }
  info(message: string): void {
    if (this.enabled("info")) this.write(message);
  }
  warning(message: string, location?: SourceLocation): void {
    if (this.enabled("warning")) this.write(`warning: ${prefix(location)}${message}`);
  }
  error(message: string, location?: SourceLocation): void {
    if (this.enabled("error")) this.write(`error: ${prefix(location)}${message}`);
  }
}

function prefix(location?: SourceLocation): string {
  if (!location?.file) return "";
  return `${location.file}${location.line ? `:${location.line}` : ""}${location.column ? `:${location.column}` : ""}: `;
}

/** Wraps a logger so every message passes through `redact` first. */
export class RedactingLogger implements Logger {
  constructor(
    private readonly inner: Logger,
    private readonly redact: (text: string) => string,
  ) {}
  debug(message: string): void {
    this.inner.debug(this.redact(message));
  }
  info(message: string): void {
    this.inner.info(this.redact(message));
  }
  warning(message: string, location?: SourceLocation): void {
    this.inner.warning(this.redact(message), location);
  }
  error(message: string, location?: SourceLocation): void {
    this.inner.error(this.redact(message), location);
  }
}

/**
 * Typed reading of action inputs. The reader is injected (core.getInput on the runner, a map in
 * tests, flags in the CLI), so everything here is pure.
 */
import { ConfigurationError } from "./errors.js";
import { parseDuration, parseSize } from "./units.js";

/** Returns an input's raw value, "" when it is not set. */
export type InputReader = (name: string) => string;

export interface InputOptions<T> {
  /** Used when the input is empty; without it an empty input is an error. */
  default?: T;
  /** Never echo the value in an error message. */
  secret?: boolean;
}

const TRUE_WORDS = new Set(["true", "yes", "1", "on"]);
const FALSE_WORDS = new Set(["false", "no", "0", "off"]);

/** A reader over a plain map, for tests and for the CLI (names match case-insensitively, spaces as _). */
export function mapInputReader(values: Record<string, string | undefined>): InputReader {
  const normalised = new Map<string, string>();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) normalised.set(normaliseName(k), v);
  return (name) => normalised.get(normaliseName(name)) ?? "";
}

function normaliseName(name: string): string {
  return name.trim().replace(/[ -]/g, "_").toUpperCase();
}

function inputError(name: string, problem: string, value: string | undefined, secret: boolean | undefined) {
  const shown = value === undefined || secret ? "" : `, got ${quote(value)}`;
  return new ConfigurationError(`${problem}${shown}`, { key: `input ${name}` });
}

function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(shown);
}

/** The trimmed value, or an error naming the input when it is empty. */
export function getRequiredInput(read: InputReader, name: string): string {
  const value = read(name).trim();
  if (value === "") throw inputError(name, "is required", undefined, true);
  return value;
}

/** The trimmed value, or undefined when empty. */
export function getOptionalInput(read: InputReader, name: string): string | undefined {
  const value = read(name).trim();
  return value === "" ? undefined : value;
}

/** Reads an input that must be present unless a default is given, then converts it. */
function typed<T>(
  read: InputReader,
  name: string,
  options: InputOptions<T>,
  convert: (raw: string) => T | undefined,
  expected: string,
): T {
  const raw = read(name).trim();
  if (raw === "") {
    if (options.default !== undefined) return options.default;
    throw inputError(name, "is required", undefined, true);
  }
  const value = convert(raw);
  if (value === undefined) throw inputError(name, `must be ${expected}`, raw, options.secret);
  return value;
}

/** true/false, yes/no, on/off, 1/0 in any case. */
export function getBooleanInput(read: InputReader, name: string, options: InputOptions<boolean> = {}): boolean {
  return typed(
    read,
    name,
    options,
    (raw) => {
      const word = raw.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return undefined;
    },
    "true or false (also yes/no, on/off, 1/0)",
  );
}

/** Items separated by newlines or commas, trimmed, empty items dropped; an empty input is []. */
export function getListInput(read: InputReader, name: string): string[] {
  return read(name)
    .split(/[\r\n,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** "90s", "5m", "1h30m", "250ms"; a bare number is seconds. Returns milliseconds. */
export function getDurationInput(read: InputReader, name: string, options: InputOptions<number> = {}): number {
  return typed(read, name, options, (raw) => parseDuration(raw), "a duration such as 90s, 5m or 1h30m");
}

/** "512M", "1.5G", "300K"; a bare number is bytes. Returns bytes. */
export function getSizeInput(read: InputReader, name: string, options: InputOptions<number> = {}): number {
  return typed(read, name, options, (raw) => parseSize(raw), "a size such as 512M, 1G or 300K");
}

export interface IntegerInputOptions extends InputOptions<number> {
  min?: number;
  max?: number;
}

/** A whole number, optionally within [min, max]. */
export function getIntegerInput(read: InputReader, name: string, options: IntegerInputOptions = {}): number {
  const { min, max } = options;
  const value = typed(
    read,
    name,
    options,
    (raw) => (/^[+-]?\d+$/.test(raw) ? Number(raw) : undefined),
    "a whole number",
  );
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const range =
      min !== undefined && max !== undefined
        ? `between ${min} and ${max}`
        : min !== undefined
          ? `at least ${min}`
          : `at most ${max}`;
    throw inputError(name, `must be ${range}`, String(value), options.secret);
  }
  return value;
}

/** One of a fixed set of words (matched case-insensitively; the canonical spelling is returned). */
export function getChoiceInput<T extends string>(
  read: InputReader,
  name: string,
  choices: readonly T[],
  options: InputOptions<T> = {},
): T {
  return typed(
    read,
    name,
    options,
    (raw) => choices.find((c) => c.toLowerCase() === raw.toLowerCase()),
    `one of ${choices.join(", ")}`,
  );
}

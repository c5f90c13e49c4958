import { parseArgs } from "node:util";
import { ConfigurationError, errorMessage, isConfigurationError } from "../common/errors.js";
import { StreamLogger, type LogLevel, LOG_LEVELS } from "../common/logger.js";
import { COMMON_OPTIONS, EXIT_USAGE, type Command, type CommandIo, type OptionSpec } from "./command.js";
import { COMMANDS } from "./commands/index.js";

export const VERSION = "1.0.0";

function helpFor(command: Command): string {
  const options = { ...COMMON_OPTIONS, ...command.options };
  const lines = [`usage: redundancy ${command.usage}`, "", command.summary, "", "options:"];
  for (const [name, spec] of Object.entries(options)) {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.type === "string" ? ` ${spec.valueName ?? "VALUE"}` : ""}`;
    lines.push(`  ${flag.padEnd(28)} ${spec.description}`);
  }
  return lines.join("\n") + "\n";
}

export function mainHelp(): string {
  const lines = [
    `redundancy ${VERSION}: keep a team's automations alive`,
    "",
    "usage: redundancy <command> [options]",
    "",
    "commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    "",
    "Run `redundancy <command> --help` for a command's options.",
    "Exit codes: 0 ok, 1 problems found, 2 usage or configuration error.",
  ];
  return lines.join("\n") + "\n";
}

function toParseArgsOptions(specs: Record<string, OptionSpec>) {
  const out: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    out[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}) };
    if (spec.type === "string" && spec.multiple) out[name].multiple = true;
  }
  return out;
}

/** Runs the CLI with argv (without node and script) and returns the exit code. */
export async function main(argv: string[], io: Omit<CommandIo, "logger">): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(mainHelp());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === "--version" || name === "-V") {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`redundancy: unknown command '${name}'\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  const specs = { ...COMMON_OPTIONS, ...command.options };
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: toParseArgsOptions(specs),
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    io.stderr(`redundancy ${name}: ${errorMessage(error)}\n\n${helpFor(command)}`);
    return EXIT_USAGE;
  }
  const values: Record<string, string | boolean | string[] | undefined> = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    values[key] = Array.isArray(value) ? value.map(String) : value;
  }
  for (const [key, spec] of Object.entries(specs)) {
    if (values[key] === undefined && spec.type === "string" && spec.default !== undefined) values[key] = spec.default;
  }
  if (values.help) {
    io.stdout(helpFor(command));
    return 0;
  }
  if (values.format !== "text" && values.format !== "json" && !("format" in command.options)) {
    io.stderr(`redundancy ${name}: --format must be text or json, got '${String(values.format)}'\n`);
    return EXIT_USAGE;
  }
  const envLevel = io.env.REDUNDANCY_LOG_LEVEL?.toLowerCase();
  const level: LogLevel = LOG_LEVELS.includes(envLevel as LogLevel) ? (envLevel as LogLevel) : "info";
  const logger = new StreamLogger(level, (line) => io.stderr(`${line}\n`));
  try {
    return await command.run({ values, positionals: parsed.positionals }, { ...io, logger });
  } catch (error) {
    if (isConfigurationError(error)) {
      io.stderr(`redundancy ${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

export { ConfigurationError };

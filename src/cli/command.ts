import type { Logger } from "../common/logger.js";

/** Exit codes every subcommand uses. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export type OptionSpec =
  | { type: "boolean"; short?: string; description: string }
  | { type: "string"; short?: string; description: string; default?: string; multiple?: boolean; valueName?: string };

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal: only then colour and progress. */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  logger: Logger;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** One `redundancy <name>` subcommand. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  allowPositionals?: boolean;
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}

/** Options shared by every subcommand. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  config: {
    type: "string",
    description: "config file (default .github/redundancy.yml)",
    default: ".github/redundancy.yml",
    valueName: "FILE",
  },
  format: { type: "string", description: "output format: text or json", default: "text", valueName: "FORMAT" },
  help: { type: "boolean", short: "h", description: "show this help" },
};

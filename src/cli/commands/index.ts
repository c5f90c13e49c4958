import type { Command } from "../command.js";

/** Every subcommand, in the order `redundancy --help` lists them. */
export const COMMANDS: Command[] = [];

import type { Command } from "../command.js";
import { configCommand } from "./config.js";
import { pm2Command } from "./pm2.js";
import { validateCommand } from "./validate.js";

/** Every subcommand, in the order `redundancy --help` lists them. */
export const COMMANDS: Command[] = [configCommand, validateCommand, pm2Command];

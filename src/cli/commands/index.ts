import type { Command } from "../command.js";
import { configCommand } from "./config.js";
import { pm2Command } from "./pm2.js";
import { validateCommand } from "./validate.js";

/**
 * Every subcommand, in the order `redundancy --help` lists them.
 *
 * `config` and `pm2` import their implementations (./run-<name>.ts) when they run, and ncc puts those
 * in chunk files of dist/cli/, so `validate` neither compiles nor runs their code: about 40 ms less
 * start-up. `validate` is imported here. In a chunk of its own, ncc would move its libraries into
 * another chunk, and the linter ran about 3% slower over 1,500 workflows.
 */
export const COMMANDS: Command[] = [configCommand, validateCommand, pm2Command];

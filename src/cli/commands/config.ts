/**
 * `redundancy config`: the command's name, help and options. Its implementation (./run-config.ts)
 * is imported only when the command runs (see ./index.ts).
 */
import type { Command } from "../command.js";

export const configCommand: Command = {
  name: "config",
  summary: "validate .github/redundancy.yml and print the effective settings with their sources",
  usage: "config [--config FILE] [--format text|json]",
  options: {},
  async run(args, io) {
    const { runConfig } = await import("./run-config.js");
    return runConfig(args, io);
  },
};

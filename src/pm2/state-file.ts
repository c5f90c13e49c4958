import { readFileSync, writeFileSync } from "node:fs";
import { ConfigurationError } from "../common/errors.js";
import { emptyState, parseState, type Pm2State } from "./health.js";

/** The previous run's state from a file; a missing file is a first run, a bad one a ConfigurationError. */
export function readStateFile(path: string): Pm2State {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw error;
  }
  if (text.trim() === "") return emptyState();
  try {
    return parseState(text, path);
  } catch (error) {
    throw new ConfigurationError(error instanceof Error ? error.message : String(error), { file: path });
  }
}

export function writeStateFile(path: string, state: Pm2State): void {
  writeFileSync(path, JSON.stringify(state, null, 2) + "\n");
}

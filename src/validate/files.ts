/** Which files to lint: paths, folders or globs; by default the workflows and every action.yml. */
import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { ConfigurationError } from "../common/errors.js";
import { globToRegExp, isGlob } from "./glob.js";

export const DEFAULT_PATHS = [".github/workflows/*.{yml,yaml}", "**/action.{yml,yaml}"];

/** Folders never searched: dependencies, VCS data and build output. */
const SKIPPED_DIRS = new Set(["node_modules", ".git", "dist"]);
const YAML_FILE = /\.ya?ml$/;

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

/** Every file under `dir` (absolute), as paths relative to `base`, skipping SKIPPED_DIRS. */
function walk(dir: string, base: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // A folder that vanished or is unreadable is simply not searched.
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EACCES")
      return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name), base, out);
    } else if (entry.isFile()) {
      out.push(toPosix(relative(base, join(dir, entry.name))));
    }
  }
}

/** The folder part of a glob before its first wildcard segment. */
function staticPrefix(glob: string): string {
  const parts = glob.split("/");
  const fixed: string[] = [];
  for (const part of parts) {
    if (isGlob(part)) break;
    fixed.push(part);
  }
  return fixed.join("/");
}

function expandGlob(glob: string, cwd: string): string[] {
  const pattern = glob.replace(/\\/g, "/").replace(/^\.\//, "");
  const prefix = staticPrefix(pattern);
  const found: string[] = [];
  walk(resolve(cwd, prefix || "."), cwd, found);
  const re = globToRegExp(pattern);
  return found.filter((f) => re.test(f));
}

function expandFolder(dir: string, cwd: string): string[] {
  const abs = resolve(cwd, dir);
  if (isDirectory(join(abs, ".github", "workflows"))) {
    const rel = toPosix(relative(cwd, abs)) || ".";
    return DEFAULT_PATHS.flatMap((glob) => expandGlob(rel === "." ? glob : `${rel}/${glob}`, cwd));
  }
  const found: string[] = [];
  walk(abs, cwd, found);
  return found.filter((f) => YAML_FILE.test(f));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/**
 * Resolves what the user named into a sorted, de-duplicated list of paths relative to `cwd`.
 * A missing file that is not a glob is a ConfigurationError; a glob matching nothing is not.
 */
export function resolveFiles(inputs: readonly string[], cwd: string): string[] {
  const patterns = inputs.length > 0 ? inputs : DEFAULT_PATHS;
  const out = new Set<string>();
  for (const input of patterns) {
    if (isGlob(input)) {
      for (const f of expandGlob(input, cwd)) out.add(f);
      continue;
    }
    const abs = resolve(cwd, input);
    let stat;
    try {
      stat = statSync(abs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new ConfigurationError(`no such file or folder: ${input}`, { file: input });
      }
      throw error;
    }
    if (stat.isDirectory()) {
      for (const f of expandFolder(input, cwd)) out.add(f);
    } else {
      out.add(toPosix(relative(cwd, abs)) || input);
    }
  }
  return [...out].sort();
}

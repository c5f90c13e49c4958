/** What `redundancy config` runs (its options are in ./config.ts): load the config, print the settings. */
import { formatDuration, formatSize } from "../../common/units.js";
import { DURATION_KEYS, SIZE_KEYS, flattenSettings, loadConfig, type LoadedConfig } from "../../config/index.js";
import { EXIT_OK, type CommandIo, type ParsedArgs } from "../command.js";

function displayValue(path: PropertyKey[], value: unknown): string {
  const last = path[path.length - 1];
  if (typeof value === "number" && typeof last === "string") {
    if (DURATION_KEYS.has(last)) return formatDuration(value);
    if (SIZE_KEYS.has(last)) return formatSize(value);
  }
  return typeof value === "string" || Array.isArray(value) || value === null ? JSON.stringify(value) : String(value);
}

/** Aligned `key = value  (source)` lines under a one-line header. */
export function renderSettingsText(loaded: LoadedConfig): string {
  const rows = flattenSettings(loaded.settings).map((leaf) => ({
    key: leaf.key,
    value: displayValue(leaf.path, leaf.value),
    source: loaded.sources[leaf.key] ?? "default",
  }));
  const keyWidth = Math.max(...rows.map((r) => r.key.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  const header = loaded.exists ? `# ${loaded.file}: valid` : `# ${loaded.file}: not found, using defaults`;
  const lines = rows.map((r) => `${r.key.padEnd(keyWidth)} = ${r.value.padEnd(valueWidth)}  (${r.source})`);
  return `${header}\n${lines.join("\n")}\n`;
}

export async function runConfig(args: ParsedArgs, io: CommandIo): Promise<number> {
  const file = typeof args.values.config === "string" ? args.values.config : undefined;
  const loaded = await loadConfig({ file, env: io.env, cwd: io.cwd });
  if (args.values.format === "json") {
    const { settings, sources, file: name, exists } = loaded;
    io.stdout(`${JSON.stringify({ file: name, exists, valid: true, settings, sources }, null, 2)}\n`);
  } else {
    io.stdout(renderSettingsText(loaded));
  }
  return EXIT_OK;
}

/** Parsing of the human units users write in config and inputs: durations and sizes. */

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * "90s", "5m", "1h30m", "250ms", "2d" -> milliseconds. A bare number is seconds.
 * Returns undefined for anything else so callers can name the field in their error.
 */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === "number") return Number.isFinite(text) && text >= 0 ? text * 1000 : undefined;
  const s = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const part = /(\d+(?:\.\d+)?)(ms|sec|min|s|m|h|d)/y;
  let total = 0;
  let matched = 0;
  part.lastIndex = 0;
  while (part.lastIndex < s.length) {
    const m = part.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    matched += 1;
  }
  return matched > 0 ? Math.round(total) : undefined;
}

const SIZE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/** "512M", "1.5G", "300K", "1024" -> bytes (binary units, as PM2's max_memory_restart). */
export function parseSize(text: string | number): number | undefined {
  if (typeof text === "number") return Number.isFinite(text) && text >= 0 ? Math.round(text) : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = SIZE_UNITS[m[2].toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return [d ? `${d}d` : "", h ? `${h}h` : "", m ? `${m}m` : "", sec || s === 0 ? `${sec}s` : ""].join("");
}

export function formatSize(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return i === 0 ? `${v}B` : `${v.toFixed(1)}${units[i]}`;
}

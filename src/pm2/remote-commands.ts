/**
 * The argv of every command run on a PM2 host. Scripts are constants; names, paths and numbers
 * travel as positional parameters, so no user or remote text is ever parsed as shell code.
 */

/**
 * Reports pm2 presence, daemon liveness (without starting one), the PM2 home, the dump, and whether
 * coreutils-style `timeout SECS CMD` works there ($4 is the bound for the jlist it may run).
 */
const PROBE_SCRIPT = [
  'h="$1"',
  'if [ -z "$h" ]; then h="${PM2_HOME:-$HOME/.pm2}"; fi',
  'if command -v "$2" >/dev/null 2>&1; then found=1; echo "pm2-bin=found"; else found=; echo "pm2-bin=missing"; fi',
  // Built-ins only up to jlist: each process started here is one more on a busy host.
  'pid=; if [ -r "$h/pm2.pid" ]; then read -r pid < "$h/pm2.pid"; fi',
  // Only a plain number is a pid: `kill -0 -1` would probe every process and say "alive".
  'case "$pid" in "" | *[!0-9]*) pid= ;; esac',
  'alive=; if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then alive=1; echo "daemon=alive";',
  'elif [ -S "$h/rpc.sock" ]; then echo "daemon=stale-socket"; else echo "daemon=down"; fi',
  'if [ -f "$h/dump.pm2" ]; then echo "dump=present"; else echo "dump=absent"; fi',
  'printf "home=%s\\n" "$h"',
  // Busybox before 1.30 wants `timeout -t SECS`; a busybox applet (a symlink beside /bin/busybox) is not used.
  // Tested with built-ins only: running `timeout` to find out would cost two processes per host.
  'bound=; if [ -n "$4" ] && command -v timeout >/dev/null 2>&1 &&',
  "  ! { [ -x /bin/busybox ] && { [ -L /usr/bin/timeout ] || [ -L /bin/timeout ]; }; }; then",
  '  bound=1; echo "timeout=usable"; fi',
  // Saves a round trip per host: jlist only runs when the daemon is alive (jlist would spawn one).
  'if [ "$3" = jlist ] && [ -n "$alive" ] && [ -n "$found" ]; then',
  '  echo "jlist-begin"',
  '  if [ -n "$bound" ]; then PM2_HOME="$h" timeout "$4" "$2" jlist; else PM2_HOME="$h" "$2" jlist; fi',
  '  printf "\\njlist-exit=%s\\n" "$?"',
  "fi",
].join("\n");

export type DaemonState = "alive" | "stale-socket" | "down";

export interface ProbeResult {
  pm2Found: boolean;
  daemon: DaemonState;
  dumpPresent: boolean;
  home: string;
  /** `timeout SECS CMD` works on the host (asked for with a bound). */
  remoteTimeout: boolean;
  /** What `pm2 jlist` printed and its exit code, when asked for and the daemon was alive. */
  jlist?: { stdout: string; exitCode: number };
}

/**
 * With `withJlist`, also runs `pm2 jlist` in the same session when (and only when) the daemon is alive;
 * with `boundSeconds`, checks for `timeout` and bounds that jlist by it on the host.
 */
export function probeCommand(
  pm2Home: string | undefined,
  pm2Bin: string,
  withJlist = false,
  boundSeconds?: number,
): string[] {
  const bound = boundSeconds === undefined ? "" : String(boundSeconds);
  return ["sh", "-c", PROBE_SCRIPT, "redundancy-probe", pm2Home ?? "", pm2Bin, withJlist ? "jlist" : "", bound];
}

/** Undefined when the output is not the probe's (a shell banner alone is fine, it is skipped). */
export function parseProbe(stdout: string): ProbeResult | undefined {
  const values = new Map<string, string>();
  let jlist: ProbeResult["jlist"];
  let head = stdout;
  const begin = stdout.indexOf("\njlist-begin\n");
  if (begin !== -1) {
    head = stdout.slice(0, begin);
    const body = stdout.slice(begin + "\njlist-begin\n".length);
    const m = /\njlist-exit=(\d+)\n?$/.exec(body);
    jlist = m ? { stdout: body.slice(0, m.index), exitCode: Number(m[1]) } : { stdout: body, exitCode: -1 };
  }
  for (const line of head.split(/\r?\n/)) {
    const m = /^(pm2-bin|daemon|dump|home|timeout)=(.*)$/.exec(line);
    if (m) values.set(m[1], m[2]);
  }
  const daemon = values.get("daemon");
  const home = values.get("home");
  if (!values.has("pm2-bin") || !daemon || !home) return undefined;
  return {
    pm2Found: values.get("pm2-bin") === "found",
    daemon: daemon === "alive" || daemon === "stale-socket" ? daemon : "down",
    dumpPresent: values.get("dump") === "present",
    home,
    remoteTimeout: values.get("timeout") === "usable",
    ...(jlist ? { jlist } : {}),
  };
}

export function pm2Command(home: string, pm2Bin: string, args: string[]): string[] {
  return ["env", `PM2_HOME=${home}`, pm2Bin, ...args];
}

/**
 * Ends argv on the host after `seconds` (coreutils `timeout`, whole process group): closing the SSH
 * session does not stop a remote command, so one cut off by our own timeout would run on.
 */
export function boundedCommand(seconds: number, argv: string[]): string[] {
  return ["timeout", String(seconds), ...argv];
}

/** Cuts every output line to `width` bytes on the host: a log line may be megabytes long. */
export function cappedCommand(width: number, argv: string[]): string[] {
  return ["sh", "-c", 'w="$1"; shift; "$@" | cut -c "1-$w"', "redundancy-cap", String(width), ...argv];
}

/** System trees no app log belongs in; a path there from `pm2 jlist` is not read into a report. */
const NOT_LOG_TREES = ["/etc", "/proc", "/sys", "/dev", "/boot", "/run/secrets", "/var/run/secrets"];

/**
 * Why a log path reported by `pm2 jlist` is not read, or undefined when it may be: the path comes
 * from the remote side, and what we read may end up in a public job log.
 */
export function unreadableLogPath(path: string): string | undefined {
  if (!path.startsWith("/")) return "not an absolute path";
  if (/[\x00-\x1f\x7f]/.test(path)) return "holds control characters";
  const segments = path.split("/");
  if (segments.some((s) => s === ".." || s === ".")) return "holds . or .. segments";
  if (NOT_LOG_TREES.some((tree) => path === tree || path.startsWith(`${tree}/`))) return "is in a system directory";
  if (segments.some((s) => s === ".ssh" || s === ".gnupg")) return "is in a key directory";
  return undefined;
}

export function tailCommand(path: string, lines: number): string[] {
  return ["tail", "-n", String(lines), "--", path];
}

export function catCommand(path: string): string[] {
  return ["cat", "--", path];
}

/** Runs argv from a directory (PM2 resolves an ecosystem's relative script paths from there). */
export function inDirectory(dir: string, argv: string[]): string[] {
  return ["sh", "-c", 'cd -- "$1" && shift && exec "$@"', "redundancy-cd", dir, ...argv];
}

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf("/");
  if (i === -1) return ".";
  return i === 0 ? "/" : path.slice(0, i);
}

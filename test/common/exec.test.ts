import { execCommand } from "../../src/common/exec.js";
import { RecordingLogger } from "../../src/common/logger.js";
import { Redactor } from "../../src/common/redact.js";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return false;
    throw error;
  }
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
}

describe("execCommand", () => {
  test("keeps stdout and stderr apart and reports the exit code", async () => {
    const r = await execCommand("sh", ["-c", "echo out; echo err >&2; exit 3"]);
    expect(r.stdout).toBe("out\n");
    expect(r.stderr).toBe("err\n");
    expect(r.exitCode).toBe(3);
    expect(r.signal).toBeNull();
    expect(r.timedOut).toBe(false);
    expect(r.truncated).toBe(false);
  });

  test("passes arguments without a shell, so metacharacters stay text", async () => {
    const r = await execCommand("printf", ["%s|", "x; touch /tmp/pwned", "$(id)", "a b"]);
    expect(r.stdout).toBe("x; touch /tmp/pwned|$(id)|a b|");
  });

  test("feeds input to stdin", async () => {
    const r = await execCommand("cat", [], { input: "line one\nline two\n" });
    expect(r.stdout).toBe("line one\nline two\n");
    expect(r.exitCode).toBe(0);
  });

  test("uses the given env and cwd", async () => {
    const r = await execCommand("sh", ["-c", 'echo "$GREETING"; pwd'], {
      env: { GREETING: "hello", PATH: process.env.PATH },
      cwd: "/",
    });
    expect(r.stdout).toBe("hello\n/\n");
  });

  test("a missing program gives exit code 127 and a message", async () => {
    const r = await execCommand("no-such-program-redundancy-test", ["x"]);
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toContain("no-such-program-redundancy-test");
  });

  test("a timeout kills sleep and marks the result", async () => {
    const r = await execCommand("sleep", ["30"], { timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe("SIGTERM");
    expect(r.exitCode).toBeNull();
  });

  test("a timeout also kills the children of a shell, which would otherwise hold the pipes open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "exec-test-"));
    try {
      const done = join(dir, "done");
      const r = await execCommand("sh", ["-c", `(sleep 30 && touch ${done}) & echo $!; wait`], { timeoutMs: 300 });
      expect(r.timedOut).toBe(true);
      const pid = Number(r.stdout.trim());
      expect(pid).toBeGreaterThan(1);
      expect(isRunning(pid)).toBe(false);
      // killed, not finished
      expect(existsSync(done)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("after a timeout, a process outside the group holding the pipes (an ssh ControlMaster) is not waited for", async () => {
    const dir = mkdtempSync(join(tmpdir(), "exec-test-"));
    const pidFile = join(dir, "daemon.pid");
    let daemon = 0;
    try {
      // setsid puts the holder in its own session, out of reach of the group kill, as ssh's mux master is.
      const script = `setsid sh -c 'echo $$ > "$1"; echo from-daemon; exec sleep 20' holder '${pidFile}' & echo before; sleep 30`;
      const r = await execCommand("sh", ["-c", script], { timeoutMs: 500 });
      daemon = Number(readFileSync(pidFile, "utf8").trim());
      expect(r.timedOut).toBe(true);
      expect(r.stdout).toContain("before");
      // Resolved while the holder still runs: the timeout did not turn into the holder's lifetime.
      expect(isRunning(daemon)).toBe(true);
    } finally {
      if (daemon > 0 && isRunning(daemon)) process.kill(daemon, "SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("truncates output beyond maxOutputBytes per stream", async () => {
    const r = await execCommand("sh", ["-c", "head -c 100000 /dev/zero | tr '\\0' a; echo short >&2"], {
      maxOutputBytes: 1000,
    });
    expect(r.stdout).toBe("a".repeat(1000));
    expect(r.stderr).toBe("short\n");
    expect(r.truncated).toBe(true);
    expect(r.exitCode).toBe(0);
  });

  test("a program that exits without reading its input is not an error", async () => {
    const r = await execCommand("true", [], { input: "x".repeat(1 << 20) });
    expect(r.exitCode).toBe(0);
  });

  test("logs the command line only after redaction", async () => {
    const logger = new RecordingLogger();
    const redactor = new Redactor(["s3cr3t-value"]);
    const r = await execCommand("echo", ["--password", "s3cr3t-value", "API_TOKEN=abcdef123456", "plain"], {
      logger,
      redactor,
    });
    expect(r.stdout).toBe("--password s3cr3t-value API_TOKEN=abcdef123456 plain\n");
    const logged = logger.text();
    expect(logged).toContain("exec: echo --password *** API_TOKEN=*** plain");
    expect(logged).not.toContain("s3cr3t-value");
    expect(logged).not.toContain("abcdef123456");
  });

  test("a secret holding a quote is still redacted once shell-quoted for the log", async () => {
    const logger = new RecordingLogger();
    const secret = "it's a s3cret phrase";
    await execCommand("true", [secret], { logger, redactor: new Redactor([secret]) });
    expect(logger.text()).not.toContain("s3cret");
  });
});

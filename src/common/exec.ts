import { spawn } from "node:child_process";
import type { Logger } from "./logger.js";
import type { Redactor } from "./redact.js";

export interface ExecOptions {
  /**
   * Kill the process and its children (SIGTERM, then SIGKILL after 2s) when it runs longer; the
   * program then runs in its own process group so a shell's children die with it.
   */
  timeoutMs?: number;
  input?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Cap on captured bytes per stream; the tail beyond it is dropped and `truncated` set. */
  maxOutputBytes?: number;
  logger?: Logger;
  redactor?: Redactor;
}

export interface ExecResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  truncated: boolean;
  durationMs: number;
}

/** Something that runs argv and captures its output; ssh, git and the local transport use it. */
export type CommandRunner = (command: string, args: string[], options?: ExecOptions) => Promise<ExecResult>;

const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;

/**
 * Runs a program without a shell, captures stdout and stderr separately, enforces a timeout,
 * and logs the command line only after redaction.
 */
export const execCommand: CommandRunner = (command, args, options = {}) => {
  const { logger, redactor } = options;
  const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  const shown = [command, ...args].map(quoteForLog).join(" ");
  logger?.debug(`exec: ${redactor ? redactor.redact(shown) : shown}`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: options.timeoutMs !== undefined,
    });
    const kill = (signal: NodeJS.Signals) => {
      if (options.timeoutMs !== undefined && child.pid !== undefined) {
        try {
          process.kill(-child.pid, signal);
          return;
        } catch (error) {
          // ESRCH: the group is already gone; anything else: fall back to the child alone.
          if (typeof error === "object" && error !== null && "code" in error && error.code === "ESRCH") return;
        }
      }
      child.kill(signal);
    };
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let truncated = false;
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const timer =
      options.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            kill("SIGTERM");
            killTimer = setTimeout(() => kill("SIGKILL"), 2000);
          }, options.timeoutMs)
        : undefined;
    child.stdout.on("data", (chunk: Buffer) => {
      if (outBytes < max) out.push(chunk.subarray(0, max - outBytes));
      else truncated = true;
      outBytes += chunk.length;
      if (outBytes > max) truncated = true;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (errBytes < max) err.push(chunk.subarray(0, max - errBytes));
      else truncated = true;
      errBytes += chunk.length;
      if (errBytes > max) truncated = true;
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      if (error.code === "ENOENT") {
        resolve({
          exitCode: 127,
          signal: null,
          stdout: "",
          stderr: `${command}: command not found`,
          timedOut: false,
          truncated: false,
          durationMs: Date.now() - started,
        });
      } else {
        reject(error);
      }
    });
    let drainTimer: NodeJS.Timeout | undefined;
    child.on("exit", () => {
      // A process outside our group (ssh's ControlMaster holds a mux client's fds) can keep the pipes open for good.
      if (timedOut) {
        drainTimer = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, 200);
      }
    });
    child.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      if (drainTimer) clearTimeout(drainTimer);
      resolve({
        exitCode: code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        timedOut,
        truncated,
        durationMs: Date.now() - started,
      });
    });
    child.stdin.on("error", () => {
      // The program may exit before reading its input (EPIPE); its exit status says what happened.
    });
    child.stdin.end(options.input ?? "");
  });
};

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

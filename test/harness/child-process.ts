import { spawn } from "node:child_process";
import { constants } from "node:os";

export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** Names what ran, for the timeout message. */
  label: string;
  stdin?: string;
}

/**
 * Runs argv without a shell and collects its output. A run past `timeoutMs` kills the whole process group (the
 * action's own children too) and rejects: a hanging action is a bug the test must report, not wait out.
 */
export function runProcess(argv: string[], options: SpawnOptions): Promise<ProcessResult> {
  const [file, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) killGroup(child.pid);
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${options.label}: could not start ${file}: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const out = Buffer.concat(stdout).toString("utf8");
      const err = Buffer.concat(stderr).toString("utf8");
      if (timedOut) {
        reject(
          new Error(`${options.label} did not finish within ${options.timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`),
        );
        return;
      }
      // The runner reports a step killed by a signal as failed; 128+n keeps that distinguishable from exit 1.
      resolve({ exitCode: code ?? 128 + signalNumber(signal), stdout: out, stderr: err });
    });
    child.stdin.on("error", (error: NodeJS.ErrnoException) => {
      // The child may exit without reading its input; anything else is a real failure.
      if (error.code !== "EPIPE") reject(error);
    });
    child.stdin.end(options.stdin ?? "");
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? constants.signals[signal] : 0;
}

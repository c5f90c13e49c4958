/**
 * Lints many files on several cores: the main thread takes one share, node:worker_threads take the
 * others. Used only when there are many files and more than one core, and only with options that can
 * cross a thread (settings, root, ignores, rule selection; not custom rules or lookups).
 */
import { existsSync, statSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { IgnoreEntry } from "./disable.js";
import { validateFiles, type ValidateFilesResult } from "./engine.js";
import { sortFindings, type Finding } from "./finding.js";
import type { ValidateSettings } from "./rule.js";

/** Below this many files a worker's start-up costs more than it saves. */
export const PARALLEL_THRESHOLD = 200;
const MAX_THREADS = 4;

/** Options that survive structured cloning into a worker. */
export interface PortableOptions {
  root: string;
  settings?: Partial<ValidateSettings>;
  only?: string[];
  ignore?: IgnoreEntry[];
}

export interface WorkerRequest {
  files: string[];
  options: PortableOptions;
}

export interface WorkerReply {
  findings: Finding[];
  files: string[];
  /** Sources of the files that have findings (for snippets). */
  sources: [string, string][];
}

/** Splits files into `n` shares of similar total size (largest first, each to the lightest share). */
export function shareFiles(files: readonly string[], n: number, sizeOf: (file: string) => number): string[][] {
  const shares = Array.from({ length: n }, () => ({ files: [] as string[], size: 0 }));
  const sized = files.map((f) => ({ f, size: sizeOf(f) })).sort((a, b) => b.size - a.size);
  for (const { f, size } of sized) {
    let lightest = shares[0];
    for (const share of shares) if (lightest && share.size < lightest.size) lightest = share;
    if (!lightest) break;
    lightest.files.push(f);
    lightest.size += size;
  }
  return shares.map((s) => s.files).filter((s) => s.length > 0);
}

/** The bundled worker script next to this bundle (dist/validate-worker/index.js), if it was built. */
export function defaultWorkerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidate = join(here, "..", "validate-worker", "index.js");
  return existsSync(candidate) ? candidate : undefined;
}

function runWorker(script: string, request: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(resolve(script), { workerData: request });
    let reply: WorkerReply | undefined;
    worker.once("message", (message: WorkerReply) => (reply = message));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (reply) resolvePromise(reply);
      else reject(new Error(`validate worker exited with code ${code} without a result`));
    });
  });
}

export interface ParallelOptions {
  /** Worker script; default the bundled one. Without one, everything runs on the main thread. */
  workerScript?: string;
  /** Threads to use including the main one; default the idle cores (at most 4). */
  threads?: number;
}

/**
 * Cores nobody else is using, when there are at least 4. Measured on the 1,503-file corpus on a 2-core
 * machine: a second thread made the run slower both busy (3.8s against 2.6s) and idle (2.95s against
 * 2.4s; even two separate processes on half the files each took 2.4s), because parsing is bound by
 * memory, not by arithmetic. So small machines lint on one thread; REDUNDANCY_VALIDATE_THREADS overrides.
 */
export function idleCores(): number {
  const cores = availableParallelism();
  if (cores < 4) return 1;
  const busy = Math.ceil(loadavg()[0] ?? 0);
  return Math.max(1, cores - Math.max(0, busy - 1));
}

/** Like validateFiles, spreading the files over threads when that pays off. */
export async function validateFilesParallel(
  files: readonly string[],
  options: PortableOptions,
  parallel: ParallelOptions = {},
): Promise<ValidateFilesResult> {
  const script = parallel.workerScript ?? defaultWorkerScript();
  const threads = Math.min(parallel.threads ?? idleCores(), MAX_THREADS, Math.ceil(files.length / 100));
  if (!script || threads < 2 || files.length <= PARALLEL_THRESHOLD) return validateFiles(files, options);
  const sizeOf = (file: string) => {
    try {
      return statSync(resolve(options.root, file)).size;
    } catch (error) {
      // An unreadable file is reported when it is read; its size only balances the shares.
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EACCES")
        return 0;
      throw error;
    }
  };
  const [mine = [], ...others] = shareFiles(files, threads, sizeOf);
  const replies = await Promise.all([
    validateFiles(mine, options),
    ...others.map((share) => runWorker(script, { files: share, options })),
  ]);
  const findings: Finding[] = [];
  const sources = new Map<string, string>();
  for (const reply of replies) {
    findings.push(...reply.findings);
    for (const [file, text] of reply.sources) sources.set(file, text);
  }
  const linted = new Set(replies.flatMap((r) => r.files));
  return { findings: sortFindings(findings), files: files.filter((f) => linted.has(f)), sources };
}

/** The worker side: lint the share and post findings plus the sources of files with findings. */
export async function lintShare(request: WorkerRequest): Promise<WorkerReply> {
  const result = await validateFiles(request.files, request.options);
  const withFindings = new Set(result.findings.map((f) => f.file));
  return {
    findings: result.findings,
    files: result.files,
    sources: [...result.sources].filter(([file]) => withFindings.has(file)),
  };
}

/**
 * [shellcheck] Runs shellcheck on every bash/sh `run:` script, with `${{ }}` blanked out, and maps
 * each finding back to the workflow line and column. Shellcheck checks each file argument on its
 * own, so scripts do not interact: a file linted alone runs one process for its scripts; a
 * multi-file run batches scripts of many files into a few processes running beside the walk.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { isBasicExpression, isSequence, isString } from "@actions/workflow-parser";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { errorMessage } from "../../common/errors.js";
import { type AsyncPhase, asyncPhaseOf } from "../context.js";
import type { Position } from "../finding.js";
import { child } from "../expr/located.js";
import { type RunScript, runScript } from "../expr/run-script.js";
import { blankExpressions, scanExpressions } from "../expr/scan.js";
import { lineIndexFor } from "../expr/source-text.js";
import type { Rule, RuleContext } from "../rule.js";

/**
 * Codes that are noise in workflow scripts: SC1091 (sourced file not here), SC2154 (variables come
 * from `env:`), SC2050/SC2157/SC2194 (constant tests produced by blanking `${{ }}`).
 */
export const EXCLUDED_CODES = ["SC1091", "SC2050", "SC2154", "SC2157", "SC2194"];
const TIMEOUT_MS = 60_000;

interface Pending {
  shell: "bash" | "sh";
  script: RunScript;
  at: TemplateToken;
}

interface ShellcheckComment {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  level: string;
  code: number;
  message: string;
}

const pendingByContext = new WeakMap<RuleContext, Pending[]>();
const available = new Map<string, boolean>();

function shellcheckAvailable(bin: string): boolean {
  let ok = available.get(bin);
  if (ok === undefined) {
    const probe = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 10_000 });
    ok = probe.error === undefined && probe.status === 0;
    available.set(bin, ok);
  }
  return ok;
}

/** `bash`, `sh`, or undefined for other shells; custom templates (`bash -e {0}`) count by their program. */
export function shellKind(shell: string): "bash" | "sh" | undefined {
  const program = shell.trim().split(/\s+/)[0] ?? "";
  const name = program.slice(program.lastIndexOf("/") + 1);
  if (name === "bash") return "bash";
  if (name === "sh") return "sh";
  return undefined;
}

function defaultShell(mapping: TemplateToken | undefined): TemplateToken | undefined {
  return child(child(child(mapping, "defaults"), "run"), "shell");
}

const isWindowsLabel = (label: string): boolean => /^windows/i.test(label.trim());

/** A literal Windows label, or a `${{ matrix.os }}` whose every value is a Windows label. */
function runsOnWindows(job: MappingToken): boolean {
  const runsOn = job.find("runs-on");
  if (!runsOn) return false;
  if (isBasicExpression(runsOn)) {
    const values = matrixValues(job, runsOn.expression);
    return values.length > 0 && values.every(isWindowsLabel);
  }
  const labels: string[] = [];
  if (isString(runsOn)) labels.push(runsOn.value);
  if (isSequence(runsOn)) for (const l of runsOn) if (isString(l)) labels.push(l.value);
  return labels.some(isWindowsLabel);
}

/** The literal values `matrix.<key>` takes, for `runs-on: ${{ matrix.os }}`. */
function matrixValues(job: MappingToken, expression: string): string[] {
  const key = /^\s*matrix\.([A-Za-z_][\w-]*)\s*$/.exec(expression)?.[1];
  const matrix = child(child(job, "strategy"), "matrix");
  if (!key || !matrix) return [];
  const values: string[] = [];
  const list = child(matrix, key);
  if (list && isSequence(list)) for (const v of list) if (isString(v)) values.push(v.value);
  const include = child(matrix, "include");
  if (include && isSequence(include)) {
    for (const item of include) {
      const v = child(item, key);
      if (v && isString(v)) values.push(v.value);
    }
  }
  return values;
}

/** The shell a step's script runs with: step, job defaults, workflow defaults, then the runner's default. */
function stepShell(ctx: RuleContext, step: MappingToken, job: MappingToken | undefined): "bash" | "sh" | undefined {
  const explicit =
    step.find("shell") ?? (job ? defaultShell(job) : undefined) ?? (job ? defaultShell(ctx.root) : undefined);
  if (explicit) return isString(explicit) ? shellKind(explicit.value) : undefined;
  if (!job) return undefined;
  if (runsOnWindows(job)) return undefined;
  // `runs-on: ${{ matrix.os }}` with `if: runner.os == 'Windows'`: the default shell there is pwsh.
  const condition = step.find("if");
  const text = condition && (isString(condition) || isBasicExpression(condition)) ? condition.toString() : "";
  return WINDOWS_ONLY.test(text) ? undefined : "bash";
}

const WINDOWS_ONLY =
  /(==\s*['"]windows|['"]windows[^'"]*['"]\s*==|startswith\([^)]*['"]windows|contains\([^)]*['"]windows)/i;

/** Writes each script to `<dir>/<i>.sh` with the shebang that picks its dialect; scripts start on line 2. */
function writeScripts(dir: string, pending: readonly Pending[]): string[] {
  return pending.map((p, i) => {
    const file = join(dir, `${i}.sh`);
    writeFileSync(file, `#!/bin/${p.shell}\n${blankExpressions(p.script.text)}\n`);
    return file;
  });
}

function shellcheckArgs(files: string[]): string[] {
  return ["--norc", "-f", "json1", "-e", EXCLUDED_CODES.join(","), ...files];
}

/** The comments of a finished run, or why there are none. */
function readOutcome(status: number | null, stdout: string, stderr: string): ShellcheckComment[] | string {
  if (status !== 0 && status !== 1) {
    return `shellcheck exited with status ${String(status)}: ${stderr.trim().split("\n", 1)[0] ?? ""}`;
  }
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== "object" || parsed === null || !("comments" in parsed) || !Array.isArray(parsed.comments)) {
    return "shellcheck printed output that is not its json1 format";
  }
  return parsed.comments.filter(isComment);
}

function runShellcheck(bin: string, pending: Pending[]): ShellcheckComment[] | string {
  const dir = mkdtempSync(join(tmpdir(), "redundancy-shellcheck-"));
  try {
    const result = spawnSync(bin, shellcheckArgs(writeScripts(dir, pending)), {
      encoding: "utf8",
      timeout: TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) return `shellcheck could not run: ${result.error.message}`;
    return readOutcome(result.status, result.stdout, result.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs shellcheck without blocking; output goes to files so a busy event loop never stalls it on a full pipe. */
async function runShellcheckAsync(bin: string, pending: Pending[]): Promise<ShellcheckComment[] | string> {
  const dir = mkdtempSync(join(tmpdir(), "redundancy-shellcheck-"));
  try {
    const args = shellcheckArgs(writeScripts(dir, pending));
    const outFile = join(dir, "stdout.json");
    const errFile = join(dir, "stderr.txt");
    const out = openSync(outFile, "w");
    const err = openSync(errFile, "w");
    let exit: { status: number | null; error?: Error };
    try {
      const child = spawn(bin, args, { stdio: ["ignore", out, err] });
      exit = await new Promise((resolveExit) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
        child.once("error", (error) => {
          clearTimeout(timer);
          resolveExit({ status: null, error });
        });
        child.once("close", (status, signal) => {
          clearTimeout(timer);
          resolveExit(
            signal === "SIGKILL" ? { status, error: new Error(`timed out after ${TIMEOUT_MS / 1000}s`) } : { status },
          );
        });
      });
    } finally {
      closeSync(out);
      closeSync(err);
    }
    if (exit.error) return `shellcheck could not run: ${exit.error.message}`;
    return readOutcome(exit.status, readFileSync(outFile, "utf8"), readFileSync(errFile, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reports shellcheck comments, each with the script it was found in, at their workflow positions. */
function reportComments(ctx: RuleContext, found: Iterable<[ShellcheckComment, Pending]>): void {
  for (const [c, p] of found) {
    if (c.line < 2) continue;
    // A finding on blanked-out `${{ }}` text judges the placeholder, not the script.
    if (touchesExpression(p.script.text, c)) continue;
    const at: Position = p.script.locate(c.line - 1, c.column);
    const message = `SC${c.code} (${c.level}): ${c.message.replace(/\.$/, "")}`;
    ctx.report(at, message, {
      severity: c.level === "error" ? "error" : "warning",
      hint: `see https://www.shellcheck.net/wiki/SC${c.code}`,
    });
  }
}

/** The comments of one file's own run, paired with their scripts (`<i>.sh` is script i). */
function pairComments(comments: ShellcheckComment[], pending: readonly Pending[]): [ShellcheckComment, Pending][] {
  const out: [ShellcheckComment, Pending][] = [];
  for (const c of comments) {
    const p = pending[fileIndex(c.file)];
    if (p) out.push([c, p]);
  }
  return out;
}

/** Scripts per shellcheck process in a multi-file run: large enough that start-up cost vanishes. */
const BATCH_SCRIPTS = 250;

interface Member {
  ctx: RuleContext;
  /** Every pending script of that file (a failure is reported once, at the first). */
  all: Pending[];
  pending: Pending;
}

/** One distinct script (same dialect, same text): checked once, reported in every file that has it. */
interface UniqueScript {
  representative: Pending;
  members: Member[];
  outcome?: ShellcheckComment[] | string;
}

/** Batches the distinct scripts of many files into few shellcheck processes, at most one per core at a time. */
class ShellcheckBatcher {
  private queue: UniqueScript[] = [];
  private readonly waiting: UniqueScript[][] = [];
  private readonly seen = new Map<string, UniqueScript>();
  private readonly failed = new WeakSet<RuleContext>();
  private running = 0;
  private readonly concurrency = Math.max(1, availableParallelism());

  constructor(
    private readonly bin: string,
    private readonly phase: AsyncPhase,
  ) {
    phase.onFlush(() => this.flush());
  }

  add(ctx: RuleContext, pending: Pending[]): void {
    for (const p of pending) {
      const member: Member = { ctx, all: pending, pending: p };
      const key = `${p.shell}\0${p.script.text}`;
      const known = this.seen.get(key);
      if (known?.outcome !== undefined) this.report(member, known.outcome);
      else if (known) known.members.push(member);
      else {
        const unique: UniqueScript = { representative: p, members: [member] };
        this.seen.set(key, unique);
        this.queue.push(unique);
      }
    }
    if (this.queue.length >= BATCH_SCRIPTS) this.launch(this.queue.splice(0));
  }

  /** The last, partial batch is split so every core gets a share. */
  private flush(): void {
    const rest = this.queue.splice(0);
    const size = Math.ceil(rest.length / this.concurrency);
    for (let i = 0; i < rest.length; i += size) this.launch(rest.slice(i, i + size));
  }

  private launch(batch: UniqueScript[]): void {
    if (this.running >= this.concurrency) {
      this.waiting.push(batch);
      return;
    }
    this.running++;
    this.phase.track(
      this.check(batch).finally(() => {
        this.running--;
        const next = this.waiting.shift();
        if (next) this.launch(next);
      }),
    );
  }

  private report(member: Member, outcome: ShellcheckComment[] | string): void {
    if (typeof outcome !== "string") {
      reportComments(
        member.ctx,
        outcome.map((c): [ShellcheckComment, Pending] => [c, member.pending]),
      );
    } else if (!this.failed.has(member.ctx)) {
      this.failed.add(member.ctx);
      member.ctx.report(member.all[0]?.at ?? { line: 1, column: 1 }, outcome, { severity: "warning" });
    }
  }

  private async check(batch: UniqueScript[]): Promise<void> {
    let outcome: ShellcheckComment[] | string;
    try {
      outcome = await runShellcheckAsync(
        this.bin,
        batch.map((u) => u.representative),
      );
    } catch (error) {
      // Tracked work must not reject: a failure here becomes each file's finding, as when run alone.
      outcome = `shellcheck could not run: ${error instanceof Error ? error.message : String(error)}`;
    }
    const byScript = new Map<number, ShellcheckComment[]>();
    if (typeof outcome !== "string") {
      for (const c of outcome) {
        const i = fileIndex(c.file);
        const list = byScript.get(i);
        if (list) list.push(c);
        else byScript.set(i, [c]);
      }
    }
    batch.forEach((unique, i) => {
      unique.outcome = typeof outcome === "string" ? outcome : (byScript.get(i) ?? []);
      for (const member of unique.members) {
        try {
          this.report(member, unique.outcome);
        } catch (error) {
          // After the walk no [internal] finding can be made for the file, so the crash is reported on it here.
          member.ctx.report(member.pending.at, `rule "shellcheck" crashed: ${errorMessage(error).split("\n", 1)[0]}`, {
            severity: "error",
            hint: "this is a bug in redundancy; please report it with the file that triggers it",
          });
        }
      }
      unique.members = [];
    });
  }
}

const batchers = new WeakMap<AsyncPhase, ShellcheckBatcher>();

function isComment(value: unknown): value is ShellcheckComment {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c["file"] === "string" &&
    typeof c["line"] === "number" &&
    typeof c["column"] === "number" &&
    typeof c["code"] === "number" &&
    typeof c["level"] === "string" &&
    typeof c["message"] === "string"
  );
}

/** True when a finding's range (script lines start at 2 in the checked file) overlaps a `${{ }}`. */
export function touchesExpression(
  script: string,
  c: { line: number; column: number; endLine?: number; endColumn?: number },
): boolean {
  const spans = scanExpressions(script);
  if (spans.length === 0) return false;
  const starts = [0];
  for (let i = script.indexOf("\n"); i !== -1; i = script.indexOf("\n", i + 1)) starts.push(i + 1);
  const offset = (line: number, column: number): number => (starts[line - 2] ?? script.length) + column - 1;
  const from = offset(c.line, c.column);
  const to = Math.max(from + 1, offset(c.endLine ?? c.line, c.endColumn ?? c.column));
  return spans.some((span) => span.start < to && from < span.end);
}

function fileIndex(path: string): number {
  const m = /(\d+)\.sh$/.exec(path);
  return m ? Number(m[1]) : -1;
}

export const shellcheckRule: Rule = {
  id: "shellcheck",
  description: "shellcheck findings in bash/sh run: scripts, mapped to the workflow line",
  severity: "warning",
  step(ctx, step) {
    if (ctx.settings.shellcheck === false) return;
    const run = step.token.find("run");
    if (!run) return;
    const shell = stepShell(ctx, step.token, step.job?.token);
    if (!shell) return;
    const script = runScript(lineIndexFor(ctx.source), run);
    if (!script || script.text.trim() === "") return;
    let pending = pendingByContext.get(ctx);
    if (!pending) {
      pending = [];
      pendingByContext.set(ctx, pending);
    }
    pending.push({ shell, script, at: run });
  },
  end(ctx) {
    const pending = pendingByContext.get(ctx);
    pendingByContext.delete(ctx);
    const bin = ctx.settings.shellcheck;
    if (!pending || pending.length === 0 || bin === false || !shellcheckAvailable(bin)) return;
    const phase = asyncPhaseOf(ctx);
    if (phase) {
      let batcher = batchers.get(phase);
      if (!batcher) {
        batcher = new ShellcheckBatcher(bin, phase);
        batchers.set(phase, batcher);
      }
      batcher.add(ctx, pending);
      return;
    }
    const outcome = runShellcheck(bin, pending);
    if (typeof outcome === "string")
      ctx.report(pending[0]?.at ?? { line: 1, column: 1 }, outcome, { severity: "warning" });
    else reportComments(ctx, pairComments(outcome, pending));
  },
};

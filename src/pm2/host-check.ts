import type { ExecResult } from "../common/exec.js";
import type { Logger } from "../common/logger.js";
import type { Redactor } from "../common/redact.js";
import { worstStatus, type CheckResult, type RecoveryStep, type Status } from "../common/result.js";
import { formatDuration } from "../common/units.js";
import { evaluateApps, needsRecovery, nextHostState, type AppState, type AppVerdict } from "./health.js";
import { addEnvSecretsTo, parseJlist, type Pm2App } from "./jlist.js";
import { analyzeLog } from "./logs.js";
import { readExpectedApps, redactedBackupEntries, safeSegment, type BackupEntry } from "./backup.js";
import {
  boundedCommand,
  cappedCommand,
  catCommand,
  dirnameOf,
  inDirectory,
  parseProbe,
  pm2Command,
  probeCommand,
  tailCommand,
  unreadableLogPath,
  type ProbeResult,
} from "./remote-commands.js";
import type { Pm2HostSettings, Pm2RunSettings } from "./settings.js";
import type { RemoteShell } from "./transport.js";

export interface HostCheckDeps {
  logger: Logger;
  redactor: Redactor;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
}

export interface HostOutcome {
  host: string;
  /** The host's own result first, then one per app. */
  results: CheckResult[];
  /** Memory for the next run; undefined when the host could not be read (keep the previous). */
  state?: Record<string, AppState>;
  backup: BackupEntry[];
}

/** The connection broke or never came up: the host's results are `unknown`. */
class TransportError extends Error {}

/** pm2 could not answer in a way we can use: the host's results are `unknown` or `fail`. */
class Pm2Error extends Error {
  constructor(
    message: string,
    readonly status: Status,
  ) {
    super(message);
  }
}

const LOG_WIDTH = 4096;
const SLOW_WORDS = /not found|no such file|cannot execute|permission denied/i;

/** Checks one host, recovers what it may, and never throws for anything the host did. */
export async function checkHost(
  shell: RemoteShell,
  host: Pm2HostSettings,
  run: Pm2RunSettings,
  previous: Record<string, AppState> | undefined,
  deps: HostCheckDeps,
): Promise<HostOutcome> {
  const check = new HostCheck(shell, host, run, previous, deps);
  return check.execute();
}

/** Only the backup material of one host (ecosystem file and dump.pm2, redacted); changes nothing. */
export async function fetchHostBackup(
  shell: RemoteShell,
  host: Pm2HostSettings,
  run: Pm2RunSettings,
  deps: HostCheckDeps,
): Promise<HostOutcome> {
  const check = new HostCheck(shell, host, run, undefined, deps);
  return check.execute(true);
}

class HostCheck {
  private home = "";
  private probeStderr = "";
  private readonly hostDetails: string[] = [];
  private readonly hostRecovery: RecoveryStep[] = [];
  private readonly appResults = new Map<string, CheckResult>();
  private readonly backup: BackupEntry[] = [];
  private expected: string[] = [];
  private ecosystemApps = new Set<string>();
  private ecosystemErrors = 0;
  private state: Record<string, AppState> | undefined;
  private readonly canAct: boolean;
  /** Set by the probe: remote commands get a `timeout` of their own on the host. */
  private remoteTimeout = false;
  /** The host budget as the transport counts it (it started just before this check). */
  private readonly deadline: number;

  constructor(
    private readonly shell: RemoteShell,
    private readonly host: Pm2HostSettings,
    private readonly run: Pm2RunSettings,
    private readonly previous: Record<string, AppState> | undefined,
    private readonly deps: HostCheckDeps,
  ) {
    this.canAct = run.autoRecovery && !run.dryRun;
    this.deadline = Date.now() + run.hostTimeout;
  }

  private get name(): string {
    return this.host.name;
  }

  async execute(backupOnly = false): Promise<HostOutcome> {
    let hostStatus: Status;
    let hostSummary: string;
    try {
      const outcome = backupOnly ? await this.backupOnly() : await this.inspect();
      hostStatus = outcome.status;
      hostSummary = outcome.summary;
      if (this.ecosystemErrors > 0) {
        hostStatus = worstStatus([hostStatus, "warn"]);
        const n = this.ecosystemErrors;
        hostSummary += `; ecosystem file ${this.host.ecosystemFile ?? ""} has ${n} error${n === 1 ? "" : "s"} (see details)`;
      }
    } catch (error) {
      if (error instanceof TransportError) {
        hostStatus = "unknown";
        hostSummary = error.message;
      } else if (error instanceof Pm2Error) {
        hostStatus = error.status;
        hostSummary = error.message;
      } else {
        throw error;
      }
    }
    const hostResult: CheckResult = {
      id: `pm2/${this.name}`,
      kind: "pm2",
      status: hostStatus,
      summary: hostSummary,
      details: this.hostDetails,
    };
    if (this.hostRecovery.length > 0) hostResult.recovery = this.hostRecovery;
    const results = [hostResult, ...[...this.appResults.values()]].map((r) => this.deps.redactor.redactData(r));
    return { host: this.name, results, state: this.state, backup: this.backup };
  }

  /** Runs a command; a broken connection becomes a TransportError naming the host and the step. */
  private async exec(argv: string[], what: string, maxOutputBytes?: number): Promise<ExecResult> {
    const remote = this.remoteTimeout ? boundedCommand(this.remoteBoundSeconds(), argv) : argv;
    const result = await this.shell.run(remote, { maxOutputBytes });
    const failure = this.shell.transportFailure(result);
    if (failure) throw new TransportError(`${failure} [during ${what}]`);
    return result;
  }

  /** A second past the bound the transport applies here: our side reports the timeout, the host only cleans up. */
  private remoteBoundSeconds(): number {
    const left = Math.max(0, Math.min(this.run.commandTimeout, this.deadline - Date.now()));
    return Math.ceil(left / 1000) + 1;
  }

  private pm2(args: string[]): string[] {
    return pm2Command(this.home, this.host.pm2Bin, args);
  }

  private async probe(withJlist = false): Promise<ProbeResult> {
    const argv = probeCommand(this.host.pm2Home, this.host.pm2Bin, withJlist, this.remoteBoundSeconds());
    const result = await this.exec(argv, "daemon check");
    this.probeStderr = result.stderr;
    const probe = parseProbe(result.stdout);
    if (!probe) {
      const why = this.deps.redactor.redact((result.stderr || result.stdout).trim().split("\n")[0] ?? "");
      throw new Pm2Error(`${this.name}: the host's shell did not answer the PM2 daemon check (${why})`, "unknown");
    }
    this.home = probe.home;
    this.remoteTimeout = probe.remoteTimeout;
    if (probe.jlist) this.registerSecrets(probe.jlist.stdout);
    return probe;
  }

  /** Every env value of every app becomes a secret before any text from the host is reported; names stay readable. */
  private registerSecrets(jlistText: string): void {
    addEnvSecretsTo(this.deps.redactor, jlistText, [this.host.name, this.host.host]);
  }

  private pm2Missing(detail: string): Pm2Error {
    return new Pm2Error(
      `${this.name}: pm2 not runnable as '${this.host.pm2Bin}' (${detail}); non-interactive SSH sessions get a minimal PATH: set pm2-bin to the absolute path of pm2 (or of a wrapper that finds node)`,
      "fail",
    );
  }

  private async inspect(): Promise<{ status: Status; summary: string }> {
    let probe = await this.probe(true);
    const early = probe.jlist;
    if (!probe.pm2Found) throw this.pm2Missing("command not found");
    await this.loadExpectations();

    let resurrected = false;
    let hostStatus: Status = "ok";
    let summary = `${this.name}: PM2 daemon running`;
    if (probe.daemon !== "alive") {
      const why = probe.daemon === "stale-socket" ? "its socket exists but no live pm2.pid" : "no live pm2.pid";
      this.hostDetails.push(`PM2 daemon is not running in ${probe.home} (${why})`);
      const step = await this.resurrect("the daemon was down");
      if (step) {
        resurrected = true;
        probe = await this.probe();
        step.ok = probe.daemon === "alive";
        if (!step.ok) step.detail += "; the daemon is still not running";
      }
      if (probe.daemon !== "alive") {
        for (const app of this.expected) {
          this.setApp(app, "fail", `${app}: not running (the PM2 daemon on ${this.name} is down)`, []);
        }
        return { status: "fail", summary: `${this.name}: PM2 daemon is not running` };
      }
      hostStatus = "warn";
      summary = `${this.name}: PM2 daemon was down; resurrected`;
    }

    let list =
      early && !resurrected ? this.readJlist({ ...early, stderr: this.probeStderr }, "pm2 jlist") : await this.jlist();
    if (list.length === 0 && !resurrected && probe.dumpPresent) {
      this.hostDetails.push("PM2 process list is empty while a saved dump exists");
      const step = await this.resurrect("the process list was empty");
      if (step) {
        list = await this.jlist();
        step.ok = list.length > 0;
        if (!step.ok) step.detail += "; the list is still empty";
        if (step.ok) {
          hostStatus = "warn";
          summary = `${this.name}: PM2 process list was empty; resurrected`;
        }
      }
    }

    const verdicts = evaluateApps(list, this.expected, this.host, this.previous);
    const finalApps = new Map<string, Pm2App[]>();
    for (const verdict of verdicts) {
      const details = verdict.problems.map((p) => p.message);
      if (verdict.status === "fail") details.push(...(await this.logEvidence(verdict)));
      if (!needsRecovery(verdict)) {
        this.appResult(verdict, verdict.status, verdict.summary, details, undefined);
        finalApps.set(verdict.app, verdict.instances);
        continue;
      }
      const recovered = await this.recoverApp(verdict, details);
      finalApps.set(verdict.app, recovered.instances);
    }
    this.state = nextHostState(evaluateApps([...finalApps.values()].flat(), [], this.host, undefined), this.deps.now());
    await this.collectDump(probe);
    return { status: hostStatus, summary };
  }

  private async backupOnly(): Promise<{ status: Status; summary: string }> {
    const probe = await this.probe();
    await this.loadExpectations();
    await this.collectDump(probe);
    return {
      status: "ok",
      summary: `${this.name}: ${this.backup.length} backup file${this.backup.length === 1 ? "" : "s"} fetched`,
    };
  }

  private async loadExpectations(): Promise<void> {
    const expected = new Set(this.host.apps);
    const file = this.host.ecosystemFile;
    if (file) {
      const result = await this.exec(catCommand(file), "reading the ecosystem file", 4 * 1024 * 1024);
      if (result.exitCode !== 0) {
        this.hostDetails.push(
          `ecosystem file ${file} not readable: ${this.deps.redactor.redact(result.stderr.trim().split("\n")[0] ?? "")}`,
        );
      } else {
        const read = readExpectedApps(file, result.stdout, this.deps.redactor);
        this.ecosystemErrors = read.errors;
        for (const name of read.names) {
          expected.add(name);
          this.ecosystemApps.add(name);
        }
        this.hostDetails.push(...read.notes);
        this.backup.push(...read.backup.map((e) => ({ ...e, path: `pm2/${safeSegment(this.name)}/${e.path}` })));
      }
    }
    this.expected = [...expected];
  }

  private async jlist(): Promise<Pm2App[]> {
    const result = await this.exec(this.pm2(["jlist"]), "pm2 jlist");
    return this.readJlist(
      { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1 },
      "pm2 jlist",
    );
  }

  private readJlist(result: { stdout: string; stderr: string; exitCode: number }, what: string): Pm2App[] {
    if (result.exitCode === 127 || (result.exitCode !== 0 && SLOW_WORDS.test(result.stderr))) {
      throw this.pm2Missing(this.firstLine(result.stderr) || `exit ${result.exitCode}`);
    }
    if (result.exitCode !== 0) {
      throw new Pm2Error(
        `${this.name}: ${what} failed (exit ${result.exitCode}): ${this.firstLine(result.stderr)}`,
        "unknown",
      );
    }
    this.registerSecrets(result.stdout);
    const parsed = parseJlist(result.stdout, this.deps.now().getTime(), this.deps.redactor);
    if (!parsed.ok) throw new Pm2Error(`${this.name}: cannot read pm2 jlist: ${parsed.error}`, "unknown");
    for (const note of parsed.notes) this.deps.logger.debug(`${this.name}: jlist: ${note}`);
    return parsed.apps;
  }

  private firstLine(text: string): string {
    const line = text.trim().split(/\r?\n/)[0] ?? "";
    return this.deps.redactor.redact(line.length > 300 ? `${line.slice(0, 300)}…` : line);
  }

  /** `pm2 resurrect`, or what it would do; undefined when nothing was run. */
  private async resurrect(reason: string): Promise<RecoveryStep | undefined> {
    if (!this.canAct) {
      this.hostDetails.push(
        `${this.run.dryRun ? "dry run" : "auto-recovery off"}: would run pm2 resurrect (${reason})`,
      );
      return undefined;
    }
    const result = await this.exec(this.pm2(["resurrect"]), "pm2 resurrect");
    const step: RecoveryStep = {
      action: "pm2 resurrect",
      ok: result.exitCode === 0,
      detail: result.exitCode === 0 ? reason : `${reason}; exit ${result.exitCode}: ${this.firstLine(result.stderr)}`,
    };
    this.hostRecovery.push(step);
    if (result.exitCode === 0) await this.deps.sleep(this.run.settleTime);
    return step;
  }

  private async logEvidence(verdict: AppVerdict): Promise<string[]> {
    const instance = verdict.instances[0];
    if (!instance || this.host.logLines <= 0) return [];
    const refused = instance.errorLogPath === undefined ? undefined : unreadableLogPath(instance.errorLogPath);
    if (refused) {
      // pm2 logs would read the same file: nothing is read.
      return [`error log not read: the path pm2 jlist gives for it ${refused}`];
    }
    const source = instance.errorLogPath
      ? tailCommand(instance.errorLogPath, this.host.logLines)
      : this.pm2([
          "logs",
          String(instance.pmId),
          "--nostream",
          "--err",
          "--lines",
          String(this.host.logLines),
          "--raw",
        ]);
    const result = await this.exec(cappedCommand(LOG_WIDTH, source), `reading ${verdict.app}'s error log`);
    if (result.exitCode !== 0 && result.stdout === "") {
      return [`error log not readable: ${this.firstLine(result.stderr)}`];
    }
    const lines = result.stdout.split(/\r?\n/).filter((l) => l.trim() !== "");
    if (lines.length === 0) return ["error log is empty"];
    const analysis = analyzeLog(lines, this.host.logPatterns, this.deps.redactor, 5);
    const counts = Object.entries(analysis.counts)
      .filter(([, n]) => n > 0)
      .map(([p, n]) => `${p}: ${n}`);
    const max = this.run.maxLogLineLength;
    return [
      `last ${lines.length} error log lines${counts.length > 0 ? `; matches: ${counts.join(", ")}` : "; no pattern matched"}`,
      ...analysis.top.map((line) => {
        const clean = this.deps.redactor.redact(line);
        return `log: ${clean.length > max ? `${clean.slice(0, max)}…` : clean}`;
      }),
    ];
  }

  /** The recovery ladder for one app; sets its result and returns the app as last seen. */
  private async recoverApp(verdict: AppVerdict, details: string[]): Promise<{ instances: Pm2App[] }> {
    const steps = this.ladder(verdict);
    if (!this.canAct) {
      const mode = this.run.dryRun ? "dry run" : "auto-recovery off";
      const plan = steps.slice(0, this.run.maxRestartAttempts).map((s) => s.action);
      details.push(
        plan.length > 0 ? `${mode}: would run ${plan.join(", then ")}` : `${mode}: no recovery step applies`,
      );
      this.appResult(verdict, "fail", verdict.summary, details, undefined);
      return { instances: verdict.instances };
    }
    const recovery: RecoveryStep[] = [];
    let last = verdict.instances;
    for (const step of steps.slice(0, this.run.maxRestartAttempts)) {
      const outcome = await step.perform();
      if (!outcome.ok) {
        recovery.push({ action: step.action, ok: false, detail: outcome.detail });
        continue;
      }
      const verified = await this.verify(verdict.app);
      last = verified.instances;
      recovery.push({ action: step.action, ok: verified.ok, detail: verified.detail });
      if (verified.ok) {
        this.appResult(
          { ...verdict, instances: last },
          "warn",
          `${verdict.app}: recovered by ${step.action} (was: ${verdict.summary})`,
          details,
          recovery,
        );
        return { instances: last };
      }
    }
    const tried = recovery.length;
    recovery.push({
      action: "give up",
      ok: false,
      detail:
        steps.length === 0
          ? `no recovery step applies to ${verdict.app} (not in the ecosystem file, or a name pm2 --only cannot select); escalate`
          : `still failing after ${tried} recovery attempt${tried === 1 ? "" : "s"} (max-restart-attempts ${this.run.maxRestartAttempts}); escalate`,
    });
    this.appResult({ ...verdict, instances: last }, "fail", `${verdict.summary} (recovery failed)`, details, recovery);
    return { instances: last };
  }

  private ladder(verdict: AppVerdict): { action: string; perform: () => Promise<{ ok: boolean; detail: string }> }[] {
    const ids = verdict.instances.map((i) => String(i.pmId));
    const steps: { action: string; perform: () => Promise<{ ok: boolean; detail: string }> }[] = [];
    const file = this.host.ecosystemFile;
    if (ids.length > 0) {
      steps.push({
        action: `pm2 restart ${ids.join(" ")}`,
        perform: () => this.runAll(ids.map((id) => this.pm2(["restart", id]))),
      });
    }
    // pm2 splits --only on commas and spaces: such a name cannot be selected from the file.
    if (file && this.ecosystemApps.has(verdict.app) && !/[\s,]/.test(verdict.app)) {
      // One token: a name such as -f or --help can never be read as a flag of its own.
      const start = inDirectory(dirnameOf(file), this.pm2(["start", `./${basenameOf(file)}`, `--only=${verdict.app}`]));
      steps.push({
        action: `${ids.length > 0 ? `pm2 delete ${ids.join(" ")} + ` : ""}pm2 start ${file} --only ${verdict.app}`,
        perform: () => this.runAll([...ids.map((id) => this.pm2(["delete", id])), start]),
      });
    }
    return steps;
  }

  private async runAll(commands: string[][]): Promise<{ ok: boolean; detail: string }> {
    for (const argv of commands) {
      const result = await this.exec(argv, "recovery");
      if (result.exitCode !== 0) {
        return { ok: false, detail: `exit ${result.exitCode}: ${this.firstLine(result.stderr || result.stdout)}` };
      }
    }
    return { ok: true, detail: "" };
  }

  /** Claims success only when the app stays online, without restarting, across the settle time. */
  private async verify(app: string): Promise<{ ok: boolean; detail: string; instances: Pm2App[] }> {
    const before = (await this.jlist()).filter((a) => a.name === app);
    await this.deps.sleep(this.run.settleTime);
    const after = (await this.jlist()).filter((a) => a.name === app);
    const restartsBefore = before.reduce((s, a) => s + a.restarts, 0);
    const restartsAfter = after.reduce((s, a) => s + a.restarts, 0);
    const settle = formatDuration(this.run.settleTime);
    if (after.length === 0)
      return { ok: false, detail: `${app} is not in the process list afterwards`, instances: after };
    const notOnline = after.filter((a) => a.status !== "online");
    if (notOnline.length > 0) {
      return {
        ok: false,
        detail: `after ${settle}: ${notOnline.map((a) => `${a.name}[${a.pmId}] ${a.status}`).join(", ")}`,
        instances: after,
      };
    }
    if (restartsAfter > restartsBefore) {
      return {
        ok: false,
        detail: `restarted ${restartsAfter - restartsBefore} more times within ${settle}`,
        instances: after,
      };
    }
    return { ok: true, detail: `online and stable for ${settle}`, instances: after };
  }

  private appResult(
    verdict: AppVerdict,
    status: Status,
    summary: string,
    details: string[],
    recovery: RecoveryStep[] | undefined,
  ): void {
    const metrics = verdict.instances.length > 0 ? metricsOf(verdict.instances, verdict) : verdict.metrics;
    const result: CheckResult = {
      id: `pm2/${this.name}/${verdict.app}`,
      kind: "pm2",
      status,
      summary,
      details,
      metrics,
    };
    if (recovery) result.recovery = recovery;
    this.appResults.set(verdict.app, result);
  }

  private setApp(app: string, status: Status, summary: string, details: string[]): void {
    this.appResults.set(app, { id: `pm2/${this.name}/${app}`, kind: "pm2", status, summary, details });
  }

  private async collectDump(probe: ProbeResult): Promise<void> {
    if (!probe.dumpPresent) return;
    const path = `${probe.home}/dump.pm2`;
    const result = await this.exec(catCommand(path), "reading dump.pm2", 16 * 1024 * 1024);
    if (result.exitCode !== 0) {
      this.hostDetails.push(`dump.pm2 not readable: ${this.firstLine(result.stderr)}`);
      return;
    }
    const entries = redactedBackupEntries("dump.pm2", result.stdout, this.deps.redactor);
    this.backup.push(...entries.backup.map((e) => ({ ...e, path: `pm2/${safeSegment(this.name)}/${e.path}` })));
    this.hostDetails.push(...entries.notes);
  }
}

function basenameOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? path : path.slice(i + 1);
}

function metricsOf(instances: Pm2App[], verdict: AppVerdict): Record<string, number> {
  const out: Record<string, number> = { ...verdict.metrics, instances: instances.length };
  out.restarts = instances.reduce((s, i) => s + i.restarts, 0);
  if (instances.some((i) => i.memoryBytes !== undefined)) {
    out.memoryBytes = instances.reduce((s, i) => s + (i.memoryBytes ?? 0), 0);
  }
  const uptimes = instances.map((i) => i.uptimeMs).filter((u): u is number => u !== undefined);
  if (uptimes.length > 0) out.uptimeMs = Math.min(...uptimes);
  else delete out.uptimeMs;
  return out;
}

import { existsSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";
import { execCommand, type CommandRunner, type ExecResult } from "../common/exec.js";
import type { Logger } from "../common/logger.js";
import type { Redactor } from "../common/redact.js";
import { shellJoin } from "../common/shell-quote.js";
import type { Pm2HostSettings } from "./settings.js";

export interface RemoteRunOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/** Runs argv on a host: over SSH, or on this machine for self-hosted runners and the demo. */
export interface RemoteShell {
  readonly hostName: string;
  run(argv: string[], opts?: RemoteRunOptions): Promise<ExecResult>;
  /**
   * When a result means the command never ran or the connection broke (not the remote
   * command's own failure), a one-line reason naming the host; otherwise undefined.
   */
  transportFailure(result: ExecResult): string | undefined;
  close(): Promise<void>;
}

export interface TransportOptions {
  logger: Logger;
  redactor: Redactor;
  commandTimeout: number;
  connectTimeout: number;
  /** Absolute time (ms since epoch) after which no command is started and running ones stop. */
  deadline?: number;
  runner?: CommandRunner;
}

function timeLeft(options: TransportOptions, requested: number | undefined): number {
  const wanted = requested ?? options.commandTimeout;
  if (options.deadline === undefined) return wanted;
  return Math.min(wanted, options.deadline - Date.now());
}

function expired(durationMs = 0): ExecResult {
  return {
    exitCode: null,
    signal: null,
    stdout: "",
    stderr: "",
    timedOut: true,
    truncated: false,
    durationMs,
  };
}

/** Runs the same commands through `sh -c` on this machine. */
export class LocalTransport implements RemoteShell {
  constructor(
    readonly hostName: string,
    private readonly options: TransportOptions,
  ) {}

  async run(argv: string[], opts: RemoteRunOptions = {}): Promise<ExecResult> {
    const timeoutMs = timeLeft(this.options, opts.timeoutMs);
    if (timeoutMs <= 0) return expired();
    const runner = this.options.runner ?? execCommand;
    return runner("sh", ["-c", shellJoin(argv)], {
      timeoutMs,
      maxOutputBytes: opts.maxOutputBytes,
      logger: this.options.logger,
      redactor: this.options.redactor,
    });
  }

  transportFailure(result: ExecResult): string | undefined {
    return result.timedOut ? `${this.hostName}: command timed out` : undefined;
  }

  async close(): Promise<void> {}
}

export interface SshTransportOptions extends TransportOptions {
  /** A short private directory for control sockets and generated ssh config (unix socket paths are short). */
  controlDir: string;
  /** Unique within controlDir: each configured host gets its own master, even when aliases share an address. */
  controlName: string;
  sshBin?: string;
}

/** A file path as an ssh option value: ssh expands `%` tokens in these, and splits on blanks. */
function configValue(value: string): string {
  const literal = value.replace(/%/g, "%%");
  return /\s/.test(literal) ? `"${literal.replace(/"/g, "")}"` : literal;
}

/**
 * OpenSSH client with strict host keys and one multiplexed connection per host.
 * ssh keeps the first value of each option, so ours come before anything else.
 */
export class SshTransport implements RemoteShell {
  readonly hostName: string;
  private readonly controlPath: string;
  private configFile: string | undefined;

  constructor(
    private readonly host: Pm2HostSettings,
    private readonly options: SshTransportOptions,
  ) {
    this.hostName = host.name;
    this.controlPath = join(options.controlDir, options.controlName);
  }

  /** The `-o` options shared by every connection, the jump host's included. */
  private securityOptions(): [string, string][] {
    const h = this.host;
    const opts: [string, string][] = [["BatchMode", "yes"]];
    if (h.insecureSkipHostKeyCheck) {
      opts.push(["StrictHostKeyChecking", "no"], ["UserKnownHostsFile", "/dev/null"]);
    } else {
      opts.push(["StrictHostKeyChecking", "yes"]);
      if (h.knownHostsFile) {
        opts.push(["UserKnownHostsFile", configValue(h.knownHostsFile)], ["GlobalKnownHostsFile", "/dev/null"]);
      }
    }
    if (h.identityFile) opts.push(["IdentitiesOnly", "yes"], ["IdentityFile", configValue(h.identityFile)]);
    opts.push(
      ["ConnectTimeout", String(Math.max(1, Math.ceil(this.options.connectTimeout / 1000)))],
      ["ServerAliveInterval", "15"],
      ["ServerAliveCountMax", "2"],
      ["LogLevel", "ERROR"],
    );
    return opts;
  }

  /** Full ssh argv for one remote command line. */
  sshArgs(remoteCommand: string): string[] {
    const args: string[] = [];
    for (const [k, v] of this.securityOptions()) args.push("-o", `${k}=${v}`);
    args.push("-o", "ControlMaster=auto", "-o", `ControlPath=${this.controlPath}`, "-o", "ControlPersist=60");
    if (this.host.jumpHost) {
      args.push("-o", `ProxyJump=${this.host.jumpHost}`, "-F", this.jumpConfig());
    } else {
      // Our own (empty of surprises) config file: the user's ~/.ssh/config cannot weaken the options above.
      args.push("-F", "/dev/null");
    }
    args.push("-p", String(this.host.port));
    if (this.host.user) args.push("-l", this.host.user);
    args.push("--", this.host.host, remoteCommand);
    return args;
  }

  /** ProxyJump's inner ssh reads only -F, not our -o: the same options go in a config file for it. */
  private jumpConfig(): string {
    if (!this.configFile) {
      this.configFile = join(this.options.controlDir, `${this.options.controlName}.config`);
      const lines = ["Host *", ...this.securityOptions().map(([k, v]) => `  ${k} ${v}`)];
      writeFileSync(this.configFile, lines.join("\n") + "\n", { mode: 0o600 });
    }
    return this.configFile;
  }

  async run(argv: string[], opts: RemoteRunOptions = {}): Promise<ExecResult> {
    const timeoutMs = timeLeft(this.options, opts.timeoutMs);
    if (timeoutMs <= 0) return expired();
    const runner = this.options.runner ?? execCommand;
    return runner(this.options.sshBin ?? "ssh", this.sshArgs(shellJoin(argv)), {
      timeoutMs,
      maxOutputBytes: opts.maxOutputBytes,
      logger: this.options.logger,
      redactor: this.options.redactor,
    });
  }

  transportFailure(result: ExecResult): string | undefined {
    const where = `${this.host.name} (${this.host.user ? `${this.host.user}@` : ""}${this.host.host}:${this.host.port})`;
    if (result.timedOut) return `${where}: timed out (connect or command)`;
    if (result.exitCode !== 255) return undefined;
    const via = this.host.jumpHost
      ? ` (via jump host ${this.host.jumpHost}: its host key must be in known-hosts too)`
      : "";
    return `${where}: ${describeSshError(result.stderr)}${via}`;
  }

  async close(): Promise<void> {
    if (!existsSync(this.controlPath)) return;
    // Spoken over the socket, the request costs no process; `ssh -O exit` remains for a master that does not answer.
    if (await stopControlMaster(this.controlPath, 5000)) return;
    const runner = this.options.runner ?? execCommand;
    const result = await runner(
      this.options.sshBin ?? "ssh",
      ["-o", `ControlPath=${this.controlPath}`, "-F", "/dev/null", "-O", "exit", "--", this.host.host],
      { timeoutMs: 5000, logger: this.options.logger },
    );
    if (result.exitCode !== 0 && existsSync(this.controlPath)) {
      this.options.logger.debug(`${this.host.name}: ssh -O exit: ${result.stderr.trim()}`);
    }
  }
}

/** ssh's stderr (exit 255) turned into the reason a person needs. */
export function describeSshError(stderr: string): string {
  const text = stderr.trim();
  const first = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  if (/host key verification failed|no \S+ host key is known|REMOTE HOST IDENTIFICATION HAS CHANGED/i.test(text)) {
    return "host key not trusted (unknown or changed host key; add the verified key to known-hosts); no command was run";
  }
  if (/permission denied/i.test(text)) return `authentication failed (${first})`;
  if (/connection refused/i.test(text)) return "unreachable: connection refused";
  if (/timed out|timeout/i.test(text)) return `connect timeout (${first})`;
  if (/could not resolve hostname|name or service not known/i.test(text)) return `unknown host name (${first})`;
  if (/no route to host|network is unreachable/i.test(text)) return `unreachable (${first})`;
  if (/connection (closed|reset)|broken pipe|kex_exchange_identification|lost connection/i.test(text)) {
    return `connection lost (${first})`;
  }
  return `ssh failed${first ? ` (${first})` : " (exit 255)"}`;
}

const MUX_MSG_HELLO = 0x00000001;
const MUX_C_TERMINATE = 0x10000005;
const MUX_S_OK = 0x80000001;
const MUX_PROTOCOL_VERSION = 4;

function muxPacket(...words: number[]): Buffer {
  const packet = Buffer.alloc(4 + 4 * words.length);
  packet.writeUInt32BE(4 * words.length, 0);
  words.forEach((w, i) => packet.writeUInt32BE(w, 4 + 4 * i));
  return packet;
}

/**
 * What `ssh -O exit` does, through the master's control socket (OpenSSH's PROTOCOL.mux: a hello
 * each way, then MUX_C_TERMINATE). The master answers MUX_S_OK or, as ssh's own client accepts,
 * exits before its answer is sent. Resolves false, never rejects, when it does neither after its
 * hello: the caller falls back to `ssh -O exit`.
 */
export function stopControlMaster(controlPath: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ path: controlPath });
    let received = Buffer.alloc(0);
    let helloSeen = false;
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once("error", () => finish(helloSeen));
    socket.once("close", () => finish(helloSeen));
    socket.on("connect", () => {
      socket.write(Buffer.concat([muxPacket(MUX_MSG_HELLO, MUX_PROTOCOL_VERSION), muxPacket(MUX_C_TERMINATE, 1)]));
    });
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      while (received.length >= 8) {
        const length = received.readUInt32BE(0);
        if (received.length < 4 + length) return;
        const type = received.readUInt32BE(4);
        const body = received.subarray(8, 4 + length);
        received = received.subarray(4 + length);
        if (!helloSeen) {
          if (type !== MUX_MSG_HELLO) return finish(false);
          helloSeen = true;
        } else {
          return finish(type === MUX_S_OK && body.length >= 4 && body.readUInt32BE(0) === 1);
        }
      }
    });
  });
}

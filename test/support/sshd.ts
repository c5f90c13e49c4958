/**
 * A real OpenSSH sshd on 127.0.0.1 for tests: own config, host key and authorized key in a temp
 * dir, running as the current user. Stop it with stop(); kill() simulates a crash (listener and
 * every session process die at once).
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface SshdFixture {
  port: number;
  dir: string;
  clientKeyPath: string;
  clientKeyText: string;
  /** `[127.0.0.1]:port <type> <key>`, ready for a known_hosts file. */
  knownHostsLine: string;
  knownHostsPath: string;
  /** sshd's own log (LogLevel INFO). */
  logPath: string;
  /** How many publickey logins sshd accepted so far. */
  acceptedLogins(): number;
  /** Crash: SIGKILL to the listener and to every sshd session process it forked. */
  kill(): void;
  stop(): Promise<void>;
}

export const SSHD_BIN = "/usr/sbin/sshd";

export function sshdAvailable(): boolean {
  return existsSync(SSHD_BIN);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, logPath: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) {
      throw new Error(
        `sshd exited with ${child.exitCode}: ${existsSync(logPath) ? readFileSync(logPath, "utf8") : ""}`,
      );
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port}`);
}

/** Child pids of `pid`, recursively, read from /proc. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch (error) {
      // The process exited while we listed /proc.
      if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ESRCH")
        continue;
      throw error;
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

export async function startSshd(options: { extraConfig?: string[] } = {}): Promise<SshdFixture> {
  const dir = mkdtempSync(join(tmpdir(), "sshd-"));
  if (process.getuid?.() === 0) mkdirSync("/run/sshd", { recursive: true });
  const hostKey = join(dir, "host_ed25519");
  const clientKeyPath = join(dir, "client_ed25519");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "test-host", "-f", hostKey]);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "test-client", "-f", clientKeyPath]);
  writeFileSync(join(dir, "authorized_keys"), readFileSync(`${clientKeyPath}.pub`));
  const port = await freePort();
  const logPath = join(dir, "sshd.log");
  const home = join(dir, "home");
  mkdirSync(home);
  const config = [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${hostKey}`,
    `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    `PidFile ${join(dir, "sshd.pid")}`,
    "StrictModes no",
    "MaxStartups 100",
    "MaxSessions 100",
    "UsePAM no",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PubkeyAuthentication yes",
    "PermitRootLogin prohibit-password",
    // INFO still logs "Accepted publickey", which acceptedLogins() counts.
    "LogLevel INFO",
    "UseDNS no",
    "Compression no",
    // Classic ECDH instead of the post-quantum hybrid default: the hybrid's key generation costs the
    // client ~70 ms of CPU per handshake on this machine; our client offers both and follows the server.
    "KexAlgorithms curve25519-sha256",
    "Ciphers aes128-gcm@openssh.com,chacha20-poly1305@openssh.com",
    // The fixture user's own empty HOME: this machine's ~/.bashrc (pyenv init, ~100 processes) would
    // otherwise run for every command, as sshd starts `bash -c` and bash sources .bashrc under sshd.
    `SetEnv HOME=${home}`,
    ...(options.extraConfig ?? []),
  ];
  const configPath = join(dir, "sshd_config");
  writeFileSync(configPath, config.join("\n") + "\n");
  // -r: no re-exec of sshd for each connection; it is our fixture, not a host to harden.
  const child = spawn(SSHD_BIN, ["-D", "-r", "-f", configPath, "-E", logPath], { stdio: "ignore" });
  await waitForPort(port, child, logPath);
  const hostPub = readFileSync(`${hostKey}.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
  const knownHostsLine = `[127.0.0.1]:${port} ${hostPub}`;
  const knownHostsPath = join(dir, "known_hosts");
  writeFileSync(knownHostsPath, knownHostsLine + "\n");
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  let stopped = false;
  const kill = () => {
    for (const p of [pid, ...descendants(pid)]) {
      try {
        process.kill(p, "SIGKILL");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
      }
    }
  };
  return {
    port,
    dir,
    clientKeyPath,
    clientKeyText: readFileSync(clientKeyPath, "utf8"),
    knownHostsLine,
    knownHostsPath,
    logPath,
    acceptedLogins: () =>
      existsSync(logPath) ? (readFileSync(logPath, "utf8").match(/Accepted publickey/g) ?? []).length : 0,
    kill,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      kill();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

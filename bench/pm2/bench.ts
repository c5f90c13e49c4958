/**
 * 1 host vs 20 and 50 host entries (aliases h1..hN of one loopback sshd), each run through the
 * `redundancy pm2` bundle. The "remote" pm2 is a stub printing a fixed jlist and the daemon check
 * sees a live pid, so the numbers measure our side: SSH handshakes, multiplexed commands,
 * concurrency. sshd's log counts handshakes ("Accepted publickey"): one per host is the goal.
 * The peer is plain `ssh host true` at the same concurrency: the handshake floor of this machine,
 * where (unlike real use) the remote sshd's CPU is on the same cores as the client.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSshd } from "../../test/support/sshd.js";

const cli = process.argv[2];
if (!cli) throw new Error("usage: node bench.js <cli bundle> [concurrency]");
/** What a user with many hosts would set; the default of 8 is for a handful of hosts. */
const concurrency = Number(process.argv[3] ?? "16");

function fakeJlist(): string {
  const now = Date.now();
  const app = (name: string, pmId: number) => ({
    pid: 1000 + pmId,
    name,
    pm_id: pmId,
    monit: { memory: 50_000_000, cpu: 1 },
    pm2_env: {
      name,
      pm_id: pmId,
      status: "online",
      restart_time: 0,
      unstable_restarts: 0,
      pm_uptime: now - 3_600_000,
      exec_mode: "fork_mode",
      pm_err_log_path: "/dev/null",
      env: { API_TOKEN: "bench-secret-value", NODE_ENV: "production" },
    },
  });
  return JSON.stringify([app("api", 0), app("worker", 1), app("cron", 2)]);
}

async function main(): Promise<void> {
  const sshd = await startSshd();
  const dir = mkdtempSync(join(tmpdir(), "pm2bench-"));
  try {
    const home = join(dir, "home");
    mkdirSync(home);
    // The daemon check only needs a live pid: this process stands in for the PM2 daemon.
    writeFileSync(join(home, "pm2.pid"), String(process.pid));
    writeFileSync(join(dir, "jlist.json"), fakeJlist());
    const pm2Bin = join(dir, "pm2");
    writeFileSync(pm2Bin, `#!/bin/sh\nif [ "$1" = jlist ]; then cat '${join(dir, "jlist.json")}'; fi\n`);
    chmodSync(pm2Bin, 0o755);

    const configFor = (count: number) => {
      const hosts = Array.from({ length: count }, (_, i) => ({
        name: `h${i + 1}`,
        host: "127.0.0.1",
        port: sshd.port,
        user: "root",
        "pm2-home": home,
        "pm2-bin": pm2Bin,
        apps: ["api", "worker", "cron"],
        "identity-file": sshd.clientKeyPath,
        "known-hosts": sshd.knownHostsPath,
      }));
      const config = join(dir, `config-${count}.yml`);
      // JSON is YAML.
      writeFileSync(config, JSON.stringify({ pm2: { concurrency, hosts } }));
      return config;
    };
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root" };

    const run = (count: number, path = env.PATH) => {
      const config = configFor(count);
      const before = sshd.acceptedLogins();
      const started = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [cli, "pm2", "--config", config, "--format", "json"], {
        encoding: "utf8",
        env: { ...env, PATH: path },
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (r.status !== 0) throw new Error(`redundancy pm2 exited ${r.status}: ${r.stderr}`);
      const results = JSON.parse(r.stdout) as { status: string }[];
      const ok = results.filter((x) => x.status === "ok").length;
      if (ok !== count * 4) throw new Error(`expected ${count * 4} ok results, got ${ok}: ${r.stdout.slice(0, 500)}`);
      return { ms, handshakes: sshd.acceptedLogins() - before };
    };

    // Untimed: an `ssh` first on PATH that records each call, to count client processes per host.
    const countSpawns = (count: number) => {
      const bin = join(dir, "count-bin");
      mkdirSync(bin, { recursive: true });
      const log = join(dir, "ssh-calls.log");
      writeFileSync(log, "");
      const real = spawnSync("sh", ["-c", "command -v ssh"], { encoding: "utf8" }).stdout.trim();
      writeFileSync(
        join(bin, "ssh"),
        `#!/bin/sh\ncase " $* " in *" -O exit "*) echo exit >> '${log}';; *) echo command >> '${log}';; esac\nexec '${real}' "$@"\n`,
      );
      chmodSync(join(bin, "ssh"), 0o755);
      const r = run(count, `${bin}:${env.PATH}`);
      const calls = readFileSync(log, "utf8")
        .split("\n")
        .filter((l) => l !== "");
      return {
        commands: calls.filter((c) => c === "command").length / count,
        exits: calls.filter((c) => c === "exit").length / count,
        handshakes: r.handshakes / count,
      };
    };

    // The peer: plain `ssh host true`, one handshake per host, as many at a time as ours, same key and known_hosts.
    const rawSsh = async (count: number) => {
      const args = [
        ...["-o", "BatchMode=yes", "-o", `UserKnownHostsFile=${sshd.knownHostsPath}`, "-o", "IdentitiesOnly=yes"],
        ...[
          "-o",
          `IdentityFile=${sshd.clientKeyPath}`,
          "-F",
          "/dev/null",
          "-p",
          String(sshd.port),
          "root@127.0.0.1",
          "true",
        ],
      ];
      const started = process.hrtime.bigint();
      let next = 0;
      const worker = async () => {
        while (next < count) {
          next += 1;
          await new Promise<void>((resolve, reject) => {
            const child = spawn("ssh", args, { stdio: "ignore" });
            child.once("error", reject);
            child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`ssh exited ${code}`))));
          });
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
      return Number(process.hrtime.bigint() - started) / 1e6;
    };

    run(1); // warm-up: file cache, sshd's first fork
    const spawns = countSpawns(5);
    console.log(`concurrency ${concurrency} (pm2.concurrency in the bench's config; the default is 8)`);
    console.log(
      `per host: ${spawns.commands} ssh command process(es), ${spawns.exits} \`ssh -O exit\`, ${spawns.handshakes} handshake(s) (the master ssh forks itself)`,
    );
    const singles = [run(1), run(1), run(1)].sort((a, b) => a.ms - b.ms);
    const one = singles[1];
    const raw1 = [await rawSsh(1), await rawSsh(1), await rawSsh(1)].sort((a, b) => a - b)[1];
    console.log(`hosts  wall(ms)  ratio  handshakes  plain ssh(ms)  ratio  ours/plain`);
    const row = (n: number, ms: number, handshakes: number, raw: number) =>
      console.log(
        `${String(n).padStart(5)}  ${ms.toFixed(0).padStart(8)}  ${(ms / one.ms).toFixed(2).padStart(5)}  ${String(handshakes).padStart(10)}  ${raw.toFixed(0).padStart(13)}  ${(raw / raw1).toFixed(2).padStart(5)}  ${(ms / raw).toFixed(2).padStart(10)}`,
      );
    row(1, one.ms, one.handshakes, raw1);
    let worst = 0;
    for (const n of [20, 50]) {
      // Median of three, taken in turns with the peer: other work on this machine comes and goes.
      const ours: { ms: number; handshakes: number }[] = [];
      const plain: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        ours.push(run(n));
        plain.push(await rawSsh(n));
      }
      const r = ours.sort((a, b) => a.ms - b.ms)[1];
      const raw = plain.sort((a, b) => a - b)[1];
      row(n, r.ms, r.handshakes, raw);
      if (n === 50) worst = r.ms / one.ms;
      for (const o of ours.filter((x) => x.handshakes !== n)) {
        console.log(`  !! ${o.handshakes} handshakes for ${n} hosts (want one per host)`);
      }
    }
    console.log(`50 hosts / 1 host = ${worst.toFixed(2)}x (target < 4x) ${worst < 4 ? "MET" : "NOT MET"}`);
    console.log(
      "1 host includes starting node and loading the bundle; plain ssh's 1 host is one ssh process. Here sshd's CPU is on the same 2 cores as the client.",
    );
  } finally {
    await sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

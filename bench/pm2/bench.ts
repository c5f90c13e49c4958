/**
 * 1 host vs 20 and 50 host entries (aliases h1..hN of one loopback sshd), each run through the
 * `redundancy pm2` bundle. The "remote" pm2 is a stub printing a fixed jlist and the daemon check
 * sees a live pid, so the numbers measure our side: SSH handshakes, multiplexed commands,
 * concurrency. sshd's VERBOSE log counts handshakes ("Accepted publickey"): one per host is the goal.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSshd } from "../../test/support/sshd.js";

const cli = process.argv[2];
if (!cli) throw new Error("usage: node bench.js <cli bundle>");

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

    const run = (count: number) => {
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
      writeFileSync(config, JSON.stringify({ pm2: { hosts } }));
      const before = sshd.acceptedLogins();
      const started = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [cli, "pm2", "--config", config, "--format", "json"], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root" },
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (r.status !== 0) throw new Error(`redundancy pm2 exited ${r.status}: ${r.stderr}`);
      const results = JSON.parse(r.stdout) as { status: string }[];
      const ok = results.filter((x) => x.status === "ok").length;
      if (ok !== count * 4) throw new Error(`expected ${count * 4} ok results, got ${ok}: ${r.stdout.slice(0, 500)}`);
      return { ms, handshakes: sshd.acceptedLogins() - before };
    };

    // The peer: plain `ssh host true`, one handshake per host, 8 at a time, same key and known_hosts.
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
      await Promise.all(Array.from({ length: Math.min(8, count) }, worker));
      return Number(process.hrtime.bigint() - started) / 1e6;
    };

    run(1); // warm-up: file cache, sshd's first fork
    const singles = [run(1), run(1), run(1)].sort((a, b) => a.ms - b.ms);
    const one = singles[1];
    console.log(`hosts  wall(ms)  ratio  handshakes`);
    console.log(
      `${"1".padStart(5)}  ${one.ms.toFixed(0).padStart(8)}  ${"1.00".padStart(5)}  ${String(one.handshakes).padStart(10)}`,
    );
    let worst = 0;
    let last = 0;
    for (const n of [20, 50]) {
      const r = run(n);
      const ratio = r.ms / one.ms;
      if (n === 50) {
        worst = ratio;
        last = r.ms;
      }
      console.log(
        `${String(n).padStart(5)}  ${r.ms.toFixed(0).padStart(8)}  ${ratio.toFixed(2).padStart(5)}  ${String(r.handshakes).padStart(10)}`,
      );
      if (r.handshakes !== n) console.log(`  !! ${r.handshakes} handshakes for ${n} hosts (want one per host)`);
    }
    const raw1 = (await Promise.all([rawSsh(1)]))[0];
    const raw50 = await rawSsh(50);
    console.log(
      `peer, plain ssh (1 handshake + \`true\` per host, 8 at a time): 1 host ${raw1.toFixed(0)} ms, 50 hosts ${raw50.toFixed(0)} ms (${(raw50 / raw1).toFixed(2)}x)`,
    );
    console.log(`50 hosts / 1 host = ${worst.toFixed(2)}x (target < 4x) ${worst < 4 ? "PASS" : "MISS"}`);
    console.log(
      `50 hosts, ours / plain ssh = ${(last / raw50).toFixed(2)}x (the handshake floor of this machine: client and sshd share its cores)`,
    );
  } finally {
    await sshd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

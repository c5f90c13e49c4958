// bench/pm2: `node bench/pm2/run.mjs [concurrency]` bundles the CLI and the bench driver with ncc into a temp
// dir, then runs the driver (1 vs 20 vs 50 hosts through a loopback sshd). Needs /usr/sbin/sshd.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ncc = "node_modules/@vercel/ncc/dist/ncc/cli.js";
const out = mkdtempSync(join(tmpdir(), "pm2bench-build-"));
try {
  for (const [name, entry] of [
    ["cli", "src/entrypoints/cli.ts"],
    ["bench", "bench/pm2/bench.ts"],
  ]) {
    const dir = join(out, name);
    execFileSync(process.execPath, [ncc, "build", entry, "-o", dir, "--target", "es2022", "--quiet"], {
      stdio: "inherit",
    });
    writeFileSync(join(dir, "package.json"), '{"type":"module"}\n');
  }
  execFileSync(
    process.execPath,
    [join(out, "bench", "index.js"), join(out, "cli", "index.js"), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}

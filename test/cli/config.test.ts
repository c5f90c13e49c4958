import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    env: options.env ?? {},
    cwd: options.cwd ?? REPO,
  });
  return { code, stdout, stderr };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "redundancy-cli-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): void {
  mkdirSync(dirname(join(dir, relative)), { recursive: true });
  writeFileSync(join(dir, relative), text);
}

describe("redundancy config", () => {
  test("the demo config is valid: exit 0, aligned key = value (source) lines", async () => {
    const r = await run(["config", "--config", "examples/demo/.github/redundancy.yml"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("# examples/demo/.github/redundancy.yml: valid");
    const rows = lines.slice(1);
    const host = rows.find((l) => l.startsWith("pm2.hosts[0].name "));
    expect(host).toMatch(/^pm2\.hosts\[0\]\.name +\s= "demo" +\(file:examples\/demo\/\.github\/redundancy\.yml:\d+\)$/);
    expect(rows.find((l) => l.startsWith("pm2.hosts[0].apps "))).toContain('["zion-auto-sync","zion-auto-sync-cron"]');
    expect(rows.find((l) => l.startsWith("pm2.check-interval "))).toMatch(/= 30s +\(file:/);
    expect(rows.find((l) => l.startsWith("pm2.max-memory "))).toMatch(/= 512\.0MiB +\(file:/);
    expect(rows.find((l) => l.startsWith("pm2.concurrency "))).toMatch(/= 8 +\(default\)$/);
    // Aligned: every "=" and every "(" in the same column.
    expect(new Set(rows.map((l) => l.indexOf(" = "))).size).toBe(1);
    expect(new Set(rows.map((l) => l.lastIndexOf("  ("))).size).toBe(1);
  });

  test("--format json prints one object on stdout and nothing else", async () => {
    const r = await run(["config", "--config", "examples/demo/.github/redundancy.yml", "--format", "json"], {
      env: { PM2_HEALTH_CHECK_INTERVAL: "45000" },
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.valid).toBe(true);
    expect(out.exists).toBe(true);
    expect(out.settings.pm2.hosts[0]).toMatchObject({ name: "demo", transport: "local" });
    expect(out.settings.pm2["check-interval"]).toBe(45_000);
    expect(out.sources["pm2.check-interval"]).toBe("env:PM2_HEALTH_CHECK_INTERVAL");
  });

  test("no file at the default path: defaults, exit 0", async () => {
    const r = await run(["config"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("# .github/redundancy.yml: not found, using defaults");
    expect(r.stdout).toMatch(/^log-level += "info" +\(default\)$/m);
  });

  test("a bad file: exit 2, message on stderr naming file:line, nothing on stdout", async () => {
    write(".github/redundancy.yml", "pm2:\n  hosts:\n    - name: a\n      host: h\n      port: 99999\n");
    const r = await run(["config", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "redundancy config: .github/redundancy.yml:5:13: pm2.hosts[0].port: must be 1-65535, got number 99999\n",
    );
  });

  test("a bad environment override: exit 2 naming the variable", async () => {
    const r = await run(["config"], { cwd: dir, env: { GITHUB_AUTO_TRIGGER: "perhaps" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("GITHUB_AUTO_TRIGGER='perhaps'");
  });

  test("an explicit missing file: exit 2", async () => {
    const r = await run(["config", "--config", "nope.yml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("redundancy config: nope.yml: config file not found\n");
  });

  test("--help lists the options; the main help lists the command", async () => {
    const help = await run(["config", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("usage: redundancy config [--config FILE] [--format text|json]");
    expect(help.stdout).toContain("--config FILE");
    const all = await run(["--help"]);
    expect(all.stdout).toMatch(/^ {2}config +validate \.github\/redundancy\.yml/m);
  });

  test("an unknown option is a usage error", async () => {
    const r = await run(["config", "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bogus/);
  });
});

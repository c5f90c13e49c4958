/** The conventions every `redundancy` subcommand shares: --help, exit codes 0/1/2, --format, colour only on a terminal. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { COMMON_OPTIONS } from "../../src/cli/command.js";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { main } from "../../src/cli/main.js";
import { runCli } from "../harness/run-action.js";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ANSI = "\x1b[";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { cwd?: string; isTTY?: boolean } = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: options.isTTY ?? false,
    env: { PATH: process.env.PATH ?? "" },
    cwd: options.cwd ?? REPO,
  });
  return { code, stdout, stderr };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "redundancy-cli-conventions-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): void {
  mkdirSync(dirname(join(dir, relative)), { recursive: true });
  writeFileSync(join(dir, relative), text);
}

test("the command list is not empty and names are unique", () => {
  const names = COMMANDS.map((c) => c.name);
  expect(names).toEqual(expect.arrayContaining(["config", "validate", "pm2"]));
  expect(new Set(names).size).toBe(names.length);
});

describe.each(COMMANDS.map((c) => [c.name, c] as const))("redundancy %s", (name, command) => {
  test("--help and -h: exit 0, usage, summary and every option on stdout, nothing on stderr", async () => {
    for (const flag of ["--help", "-h"]) {
      const help = await run([name, flag]);
      expect([flag, help.code, help.stderr]).toEqual([flag, 0, ""]);
      const lines = help.stdout.split("\n");
      expect(lines[0]).toBe(`usage: redundancy ${command.usage}`);
      expect(help.stdout).toContain(command.summary);
      for (const option of Object.keys({ ...COMMON_OPTIONS, ...command.options })) {
        expect([option, lines.some((l) => new RegExp(`^ +(-\\w, )?--${option}\\b`).test(l))]).toEqual([option, true]);
      }
    }
  });

  test("--help wins over other options and touches no config", async () => {
    const help = await run([name, "--config", "does/not/exist.yml", "--help"], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout.startsWith(`usage: redundancy ${name}`)).toBe(true);
  });

  test("an unknown option: exit 2, the option named on stderr with the help, nothing on stdout", async () => {
    const r = await run([name, "--no-such-option"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--no-such-option");
    expect(r.stderr).toContain(`usage: redundancy ${command.usage}`);
  });

  test("a bad --format value: exit 2 naming it", async () => {
    const r = await run([name, "--format", "xml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/format.*xml/);
  });

  test("a config file that is not valid: exit 2 naming file:line, nothing on stdout", async () => {
    write(".github/redundancy.yml", "pm2:\n  concurrency: lots\n");
    const r = await run([name, "--format", "json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(".github/redundancy.yml:2:16: pm2.concurrency");
  });
});

test("no command prints the main help and exits 2; --help exits 0", async () => {
  const bare = await run([]);
  expect(bare.code).toBe(2);
  const help = await run(["--help"]);
  expect(help.code).toBe(0);
  expect(bare.stdout).toBe(help.stdout);
  for (const c of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^ {2}${c.name} +\\S`, "m"));
  expect(help.stdout).toContain("Exit codes: 0 ok, 1 problems found, 2 usage or configuration error.");
});

describe("exit codes 0 and 1, and no colour off a terminal, through the real bin/redundancy.js", () => {
  const BROKEN =
    "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }\n";
  const CLEAN = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n";

  test("validate: a clean workflow exits 0, a broken one exits 1; text output has no escape codes", async () => {
    write("clean/.github/workflows/ci.yml", CLEAN);
    write("broken/.github/workflows/ci.yml", BROKEN);
    const clean = await runCli(["validate"], { cwd: join(dir, "clean") });
    expect([clean.exitCode, clean.stderr]).toEqual([0, ""]);
    const broken = await runCli(["validate"], { cwd: join(dir, "broken") });
    expect(broken.exitCode).toBe(1);
    expect(broken.stdout).toContain(".github/workflows/ci.yml:6:");
    expect(broken.stdout + broken.stderr).not.toContain(ANSI);
  });

  test("config: text output has no escape codes; exit 0", async () => {
    const r = await runCli(["config", "--config", "examples/demo/.github/redundancy.yml"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("pm2.hosts[0].name");
    expect(r.stdout + r.stderr).not.toContain(ANSI);
  });
});

test("in-process text output carries no escape codes when stdout is not a terminal", async () => {
  write(
    ".github/workflows/ci.yml",
    "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }\n",
  );
  const plain = await run(["validate"], { cwd: dir, isTTY: false });
  expect(plain.code).toBe(1);
  expect(plain.stdout + plain.stderr).not.toContain(ANSI);
  // The same run on a terminal is coloured, so the assertion above can fail.
  const tty = await run(["validate"], { cwd: dir, isTTY: true });
  expect(tty.code).toBe(1);
  expect(tty.stdout).toContain(ANSI);
  expect(tty.stdout.replace(/\x1b\[[0-9;]*m/g, "")).toBe(plain.stdout);
  const config = await run(["config"], { cwd: dir, isTTY: false });
  expect(config.code).toBe(0);
  expect(config.stdout).not.toContain(ANSI);
});

// Multi-file runs batch shellcheck across files (one process per many scripts, identical scripts
// checked once); the findings must be exactly those of linting each file alone.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateFiles, validateSource } from "../../src/validate/engine.js";
import type { Finding } from "../../src/validate/finding.js";

const hasShellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
if (!hasShellcheck)
  console.warn(
    "shellcheck is not installed: the batched [shellcheck] tests below run where it is (CI runners have it)",
  );
const withShellcheck = hasShellcheck ? describe : describe.skip;

function workflow(scripts: string[], shell?: string): string {
  const lines = ["on: push", "jobs:", "  build:", "    runs-on: ubuntu-latest"];
  if (shell) lines.push("    defaults:", "      run:", `        shell: ${shell}`);
  lines.push("    steps:");
  for (const script of scripts) lines.push("      - run: |", ...script.split("\n").map((l) => `          ${l}`));
  return lines.join("\n") + "\n";
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "redundancy-shellcheck-batch-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): string[] {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files);
}

function oneByOne(names: string[], settings: { shellcheck: string }): Finding[] {
  return names.flatMap((name) =>
    validateSource(name, spawnSync("cat", [join(dir, name)], { encoding: "utf8" }).stdout, {
      root: dir,
      settings,
      only: ["shellcheck"],
    }),
  );
}

withShellcheck("batched shellcheck", () => {
  const settings = { shellcheck: "shellcheck" };

  test("files sharing a script, sh and bash dialects and a batch larger than one process give the same findings", async () => {
    const shared = 'echo $HOME\ncd build\nfor f in $(ls); do echo "$f"; done';
    const many = Array.from({ length: 260 }, (_, i) => `echo $VAR_${i}`);
    const names = write({
      "a.yml": workflow([shared, "arr=(1 2)\necho ${{ github.sha }} $arr"]),
      "b.yml": workflow(["echo ok", shared]),
      "c.yml": workflow(["arr=(1 2)\necho $arr", shared], "sh"),
      "d.yml": workflow(many),
    });
    const batched = await validateFiles(names, { root: dir, settings, only: ["shellcheck"] });
    const alone = oneByOne(names, settings);
    expect(batched.findings).toEqual(alone);
    // The shared script is reported in each of the three files that hold it, at each file's lines.
    const sc2164 = batched.findings.filter((f) => f.message.startsWith("SC2164"));
    expect(sc2164.map((f) => `${f.file}:${f.line}`)).toEqual(["a.yml:8", "b.yml:10", "c.yml:14"]);
    expect(batched.findings.filter((f) => f.file === "d.yml")).toHaveLength(260);
    expect(batched.findings.some((f) => f.file === "c.yml" && f.message.startsWith("SC3030"))).toBe(true);
  });
});

test("a shellcheck that fails is reported once per file, as when each file is linted alone", async () => {
  const fake = join(dir, "fake-shellcheck");
  writeFileSync(fake, '#!/bin/sh\n[ "$1" = "--version" ] && exit 0\necho "out of cheese" >&2\nexit 3\n');
  chmodSync(fake, 0o755);
  const names = write({
    "a.yml": workflow(["echo $A", "echo $B"]),
    "b.yml": workflow(["echo $A"]),
  });
  const settings = { shellcheck: fake };
  const batched = await validateFiles(names, { root: dir, settings, only: ["shellcheck"] });
  expect(batched.findings).toEqual(oneByOne(names, settings));
  expect(batched.findings.map((f) => `${f.file}:${f.line}: ${f.message}`)).toEqual([
    "a.yml:6: shellcheck exited with status 3: out of cheese",
    "b.yml:6: shellcheck exited with status 3: out of cheese",
  ]);
});

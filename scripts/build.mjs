// One ncc bundle per src/entrypoints/<name>.ts into dist/<name>/ (ESM + {"type":"module"}).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

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
      "licenses.txt",
      "--target",
      "es2022",
      "--quiet",
    ],
    { stdio: "inherit" },
  );
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

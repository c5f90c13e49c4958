// One ncc bundle per src/entrypoints/<name>.ts into dist/<name>/ (ESM + {"type":"module"}).
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, join } from "node:path";

const only = process.argv.slice(2);
const entries = readdirSync("src/entrypoints")
  .filter((f) => f.endsWith(".ts"))
  .map((f) => basename(f, ".ts"))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

if (only.length === 0) rmSync("dist", { recursive: true, force: true });
for (const name of entries) {
  const out = join("dist", name);
  rmSync(out, { recursive: true, force: true });
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

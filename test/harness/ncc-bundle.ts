import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./node-runtime.js";

const execFileAsync = promisify(execFile);

/** Bundles a TypeScript entry with ncc into `outDir/index.js` as ESM, the way scripts/build.mjs builds dist/. */
export async function bundleWithNcc(entry: string, outDir: string): Promise<string> {
  const ncc = join(REPO_ROOT, "node_modules", "@vercel", "ncc", "dist", "ncc", "cli.js");
  await execFileAsync(process.execPath, [ncc, "build", entry, "-o", outDir, "--target", "es2022", "--quiet"], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  writeFileSync(join(outDir, "package.json"), '{\n  "type": "module"\n}\n');
  return join(outDir, "index.js");
}

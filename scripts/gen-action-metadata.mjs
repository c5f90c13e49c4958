// Generates src/validate/metadata/popular-actions.json: the inputs, outputs and runtime of popular
// actions per major version, for the validate linter's [action-inputs] and [action-runtime] rules.
//
//   node scripts/gen-action-metadata.mjs                 fetch each action.yml over HTTPS (maintainers)
//   node scripts/gen-action-metadata.mjs --from DIR      read DIR/<owner>/<repo>[/<path>]/<major>/action.yml
//   --out FILE  write there instead of the bundled data set; --base-url URL  fetch from another host
//   --list      print the manifest (<action>@<major> a line)
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isScalar, parseDocument } from "yaml";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_OUT = join(ROOT, "src/validate/metadata/popular-actions.json");
const DEFAULT_BASE_URL = "https://raw.githubusercontent.com";

/**
 * The actions and majors in the data set. Left out on purpose: actions that accept arbitrary
 * `with:` keys (octokit/graphql-action, octokit/request-action pass them on as parameters) and
 * actions referenced by branch rather than major tag (dtolnay/rust-toolchain@stable).
 */
export const MANIFEST = [
  ["actions/checkout", ["v2", "v3", "v4", "v5"]],
  ["actions/setup-node", ["v1", "v2"]],
  ["actions/setup-python", ["v5"]],
  ["actions/setup-go", ["v5", "v6"]],
  ["actions/setup-java", ["v5"]],
  ["actions/cache", ["v2", "v3", "v4"]],
  ["actions/cache/restore", ["v3", "v4"]],
  ["actions/cache/save", ["v3", "v4"]],
  ["actions/upload-artifact", ["v2", "v3", "v4"]],
  ["actions/download-artifact", ["v2", "v3", "v4"]],
  ["actions/github-script", ["v3", "v4", "v5", "v6", "v7"]],
  ["actions/stale", ["v4"]],
  ["actions/labeler", ["v5"]],
  ["actions/create-release", ["v1"]],
  ["actions/upload-release-asset", ["v1"]],
  ["actions/upload-pages-artifact", ["v3"]],
  ["actions/deploy-pages", ["v5"]],
  ["actions/configure-pages", ["v3", "v4", "v5"]],
  ["docker/login-action", ["v1", "v2", "v3"]],
  ["softprops/action-gh-release", ["v1"]],
  ["codecov/codecov-action", ["v5"]],
  ["aws-actions/configure-aws-credentials", ["v1"]],
  ["ruby/setup-ruby", ["v1"]],
  ["actions-rs/toolchain", ["v1"]],
  ["actions-rs/cargo", ["v1"]],
  ["gradle/wrapper-validation-action", ["v1", "v2", "v3"]],
  ["peaceiris/actions-gh-pages", ["v3"]],
];

/**
 * `runs.using` of majors whose action.yml is not recorded (release notes of each action: the
 * major that moved to node16, node20, node24). Recorded action.yml files win; a contradiction
 * between the two stops the generator.
 */
export const RUNTIME_FACTS = {
  "actions/checkout": { v1: "node12", v6: "node24" },
  "actions/setup-node": { v3: "node16", v4: "node20", v5: "node24", v6: "node24" },
  "actions/setup-python": { v1: "node12", v2: "node12", v3: "node16", v6: "node24" },
  "actions/setup-java": { v1: "node12", v2: "node12", v3: "node16", v4: "node20" },
  "actions/setup-dotnet": { v1: "node12", v2: "node16" },
  "actions/setup-go": { v1: "node12", v2: "node12", v3: "node16", v4: "node20" },
  "actions/cache": { v1: "node12", v5: "node24" },
  "actions/upload-artifact": { v1: "node12", v6: "node24" },
  "actions/download-artifact": { v1: "node12" },
  "actions/github-script": { v2: "node12", v8: "node24" },
  "actions/stale": { v3: "node12", v9: "node20" },
  "github/codeql-action/init": { v1: "node12", v2: "node16", v3: "node20", v4: "node24" },
  "github/codeql-action/analyze": { v1: "node12", v2: "node16", v3: "node20", v4: "node24" },
  "github/codeql-action/autobuild": { v1: "node12", v2: "node16", v3: "node20", v4: "node24" },
  "github/codeql-action/upload-sarif": { v1: "node12", v2: "node16", v3: "node20", v4: "node24" },
  "codecov/codecov-action": { v1: "node12", v3: "node16", v4: "node20" },
  "docker/build-push-action": { v2: "node12", v3: "node16", v5: "node20", v6: "node20", v7: "node24" },
  "docker/setup-buildx-action": { v1: "node12", v2: "node16", v3: "node20" },
  "docker/setup-qemu-action": { v1: "node12", v2: "node16", v3: "node20" },
  "docker/metadata-action": { v4: "node16" },
  "azure/login": { v1: "node16", v2: "node20" },
  "azure/docker-login": { v1: "node16" },
  "golangci/golangci-lint-action": { v3: "node16" },
};

/** `{ action: { major: using } }` from the recorded metadata and RUNTIME_FACTS; throws on a contradiction. */
export function runtimesOf(actions, facts = RUNTIME_FACTS) {
  const out = {};
  for (const [action, majors] of Object.entries(facts)) {
    out[action] = { ...majors };
  }
  for (const [key, meta] of Object.entries(actions)) {
    if (typeof meta.runs !== "string") continue;
    const at = key.lastIndexOf("@");
    const action = key.slice(0, at);
    const major = key.slice(at + 1);
    const known = out[action]?.[major];
    if (known !== undefined && known !== meta.runs) {
      throw new Error(`${key}: action.yml says "using: ${meta.runs}" but RUNTIME_FACTS says "${known}"`);
    }
    out[action] = { ...out[action], [major]: meta.runs };
  }
  const byMajor = (a, b) => Number(a.slice(1)) - Number(b.slice(1));
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((action) => [
        action,
        Object.fromEntries(
          Object.keys(out[action])
            .sort(byMajor)
            .map((m) => [m, out[action][m]]),
        ),
      ]),
  );
}

function child(map, key) {
  const value = map?.get(key, true);
  return isMap(value) ? value : undefined;
}

function scalar(map, key) {
  const value = map?.get(key, true);
  return isScalar(value) ? value.value : undefined;
}

function keysOf(map) {
  return map ? map.items.filter((p) => isScalar(p.key)).map((p) => String(p.key.value)) : [];
}

/** The metadata the linter needs from one action.yml text; throws when it is not an action file. */
export function metadataFromActionYaml(text, where) {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error(`${where}: not a YAML mapping`);
  const root = doc.contents;
  const inputs = {};
  const inputMap = child(root, "inputs");
  for (const name of keysOf(inputMap)) {
    const spec = child(inputMap, name);
    const required = scalar(spec, "required");
    const entry = { required: (required === true || required === "true") && !(spec?.has("default") ?? false) };
    if (spec?.has("deprecationMessage")) entry.deprecated = true;
    inputs[name] = entry;
  }
  const meta = { inputs, outputs: keysOf(child(root, "outputs")) };
  const using = scalar(child(root, "runs"), "using");
  if (typeof using === "string") meta.runs = using;
  return meta;
}

async function fromDirectory(dir) {
  const found = {};
  async function walk(path) {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/^action\.ya?ml$/.test(entry.name)) {
        const parts = relative(dir, dirname(full)).split(sep);
        const major = parts.pop();
        if (parts.length < 2 || !/^v\d+$/.test(major ?? ""))
          throw new Error(`${full}: expected <owner>/<repo>[/<path>]/<major>/action.yml`);
        found[`${parts.join("/")}@${major}`] = metadataFromActionYaml(await readFile(full, "utf8"), full);
      }
    }
  }
  await walk(dir);
  return found;
}

async function fromNetwork(baseUrl) {
  const found = {};
  for (const [action, majors] of MANIFEST) {
    const [owner, repo, ...path] = action.split("/");
    for (const major of majors) {
      let text;
      for (const name of ["action.yml", "action.yaml"]) {
        const url = `${baseUrl}/${owner}/${repo}/${major}/${[...path, name].join("/")}`;
        const response = await fetch(url);
        if (response.ok) {
          text = await response.text();
          break;
        }
        if (response.status !== 404) throw new Error(`${url}: HTTP ${response.status}`);
      }
      if (text === undefined) {
        console.warn(`skipped ${action}@${major}: no action.yml at that ref`);
        continue;
      }
      found[`${action}@${major}`] = metadataFromActionYaml(text, `${action}@${major}`);
    }
  }
  return found;
}

/** Sorted by action and formatted by the repository's prettier settings, so `prettier --check` passes. */
async function serialize(actions) {
  const sorted = Object.fromEntries(
    Object.keys(actions)
      .sort()
      .map((key) => [key, actions[key]]),
  );
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(DEFAULT_OUT)) ?? {};
  const runtimes = runtimesOf(actions);
  return prettier.format(JSON.stringify({ actions: sorted, runtimes }), { ...options, parser: "json" });
}

export async function main(argv) {
  if (argv.includes("--list")) {
    for (const [action, majors] of MANIFEST) for (const major of majors) console.log(`${action}@${major}`);
    return;
  }
  const option = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const from = option("--from");
  const out = option("--out") ?? DEFAULT_OUT;
  const actions = from ? await fromDirectory(from) : await fromNetwork(option("--base-url") ?? DEFAULT_BASE_URL);
  if (Object.keys(actions).length === 0) throw new Error("no action metadata found");
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, await serialize(actions));
  console.log(`wrote ${Object.keys(actions).length} actions to ${relative(process.cwd(), out) || out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

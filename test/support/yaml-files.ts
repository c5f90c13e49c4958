import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every .yml/.yaml file under `dir`, recursively. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/**
 * The repository's own YAML a parser test reads: fixtures, examples and workflows, plus every file
 * under REDUNDANCY_PARITY_DIR when set (the real-world corpus, by hand).
 */
export function repositoryYamlFiles(root: string): string[] {
  return [
    ...yamlFiles(join(root, "test/validate/ok")),
    ...yamlFiles(join(root, "test/validate/err")),
    ...yamlFiles(join(root, "examples")),
    ...yamlFiles(join(root, ".github/workflows")),
    ...(process.env.REDUNDANCY_PARITY_DIR ? yamlFiles(process.env.REDUNDANCY_PARITY_DIR) : []),
  ];
}

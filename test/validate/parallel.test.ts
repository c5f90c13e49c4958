/** Worker threads give exactly the findings of a single-threaded run (bundled worker, real files). */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateFiles } from "../../src/validate/engine.js";
import { PARALLEL_THRESHOLD, shareFiles, validateFilesParallel } from "../../src/validate/parallel.js";

const WORKER = "dist/validate-worker/index.js";

test("shares are balanced by size and cover every file once", () => {
  const sizes: Record<string, number> = { a: 10, b: 9, c: 5, d: 4, e: 1 };
  const shares = shareFiles(Object.keys(sizes), 2, (f) => sizes[f] ?? 0);
  expect(shares).toEqual([
    ["a", "d", "e"],
    ["b", "c"],
  ]);
  expect(shareFiles(["x"], 3, () => 1)).toEqual([["x"]]);
});

describe("on many files", () => {
  let dir: string;
  const files: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "redundancy-parallel-"));
    for (let i = 0; i < PARALLEL_THRESHOLD + 50; i++) {
      const name = `w${String(i).padStart(3, "0")}.yml`;
      const body =
        i % 3 === 0
          ? `on: push${i}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${i}\n`
          : i % 3 === 1
            ? `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    bogus${i}: 1\n    steps:\n      - run: echo ${i}\n`
            : `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${i}\n`;
      writeFileSync(join(dir, name), body);
      files.push(name);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("two threads (main + the bundled worker) match the single-threaded result", async () => {
    // The worker is the ncc bundle, as the action and CLI run it; `npm run build` makes it.
    expect(existsSync(WORKER)).toBe(true);
    const options = { root: dir, settings: { shellcheck: false as const }, only: ["schema", "syntax"] };
    const single = await validateFiles(files, options);
    const parallel = await validateFilesParallel(files, options, { workerScript: WORKER, threads: 2 });
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.files).toEqual(single.files);
    expect(parallel.findings.length).toBeGreaterThan(150);
    for (const f of parallel.findings) expect(parallel.sources.get(f.file)).toBe(single.sources.get(f.file));
  });
});

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { actionMetadataFromText } from "../../../src/validate/lookups-local.js";

const SOURCES = "test/validate/metadata/sources";
const BUNDLED = "src/validate/metadata/popular-actions.json";

function generate(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["scripts/gen-action-metadata.mjs", ...args], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? actionFiles(path) : name === "action.yml" ? [path] : [];
  });
}

describe("scripts/gen-action-metadata.mjs", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "f-gen-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the bundled data set is exactly what the generator makes from the recorded sources", () => {
    const out = join(dir, "offline.json");
    const run = generate(["--from", SOURCES, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(BUNDLED, "utf8"));
  });

  test("the generator reads action.yml the way the linter's local lookups do", () => {
    const data = JSON.parse(readFileSync(BUNDLED, "utf8")) as { actions: Record<string, unknown> };
    for (const file of actionFiles(SOURCES)) {
      const parts = relative(SOURCES, file).split("/").slice(0, -1);
      const major = parts.pop();
      expect(data.actions[`${parts.join("/")}@${major}`]).toEqual(actionMetadataFromText(readFileSync(file, "utf8")));
    }
  });

  test("the recorded sources cover exactly the manifest the network mode fetches", () => {
    const run = generate(["--list"]);
    expect(run.status).toBe(0);
    const data = JSON.parse(readFileSync(BUNDLED, "utf8")) as { actions: Record<string, unknown> };
    expect(run.stdout.trim().split("\n").sort()).toEqual(Object.keys(data.actions).sort());
  });

  test("a misplaced file is refused with its path", () => {
    const bad = join(dir, "bad", "owner", "repo");
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, "action.yml"), "name: x\n");
    const run = generate(["--from", join(dir, "bad"), "--out", join(dir, "bad.json")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("expected <owner>/<repo>[/<path>]/<major>/action.yml");
  });

  test("network mode fetches <owner>/<repo>/<major>/[path/]action.yml, skipping what is missing", async () => {
    const served: string[] = [];
    const server: Server = createServer((req, res) => {
      served.push(req.url ?? "");
      if (req.url === "/actions/checkout/v4/action.yml") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("name: c\ninputs:\n  ref:\n    description: r\nruns:\n  using: node20\n  main: x.js\n");
      } else if (req.url === "/actions/cache/v4/restore/action.yaml") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("name: r\ninputs:\n  key:\n    required: true\nruns:\n  using: node20\n  main: x.js\n");
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const out = join(dir, "network.json");
      // Asynchronous: the server answering it runs in this process.
      const child = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const args = ["scripts/gen-action-metadata.mjs", "--base-url", `http://127.0.0.1:${port}`, "--out", out];
        const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        proc.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        proc.on("close", (status) => resolve({ status, stderr }));
      });
      expect(child.status).toBe(0);
      expect(child.stderr).toContain("skipped actions/setup-node@v1");
      const data = JSON.parse(readFileSync(out, "utf8")) as { actions: Record<string, unknown> };
      expect(data.actions).toEqual({
        "actions/cache/restore@v4": { inputs: { key: { required: true } }, outputs: [], runs: "node20" },
        "actions/checkout@v4": { inputs: { ref: { required: false } }, outputs: [], runs: "node20" },
      });
      expect(served).toContain("/actions/cache/v4/restore/action.yml");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

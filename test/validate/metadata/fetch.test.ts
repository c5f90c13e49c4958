import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "../../../src/common/errors.js";
import { RecordingLogger } from "../../../src/common/logger.js";
import { DiskMetadataCache, defaultMetadataCacheDir } from "../../../src/validate/metadata/disk-cache.js";
import { fetchActionMetadata, MetadataFetchError } from "../../../src/validate/metadata/fetch.js";
import { collectRemoteUses, RemoteActionMetadata } from "../../../src/validate/metadata/remote.js";
import { startContentsServer, type ContentsServer } from "./contents-server.js";

const DEPLOY =
  "name: Deploy\ndescription: d\ninputs:\n  target:\n    description: t\n    required: true\n  token:\n    description: t\n    required: true\n    default: ${{ github.token }}\n  old:\n    description: o\n    deprecationMessage: gone\noutputs:\n  url:\n    description: u\nruns:\n  using: node24\n  main: index.js\n";
const NESTED = "name: Sub\ndescription: s\ninputs:\n  x:\n    description: x\nruns:\n  using: composite\n  steps: []\n";

describe("fetchActionMetadata against a contents-API double on 127.0.0.1", () => {
  let server: ContentsServer;
  let dir: string;
  beforeAll(async () => {
    server = await startContentsServer(
      {
        "octo/deploy/action.yml@v2": DEPLOY,
        "octo/tools/sub/dir/action.yaml@0123456789abcdef0123456789abcdef01234567": NESTED,
      },
      { "/repos/octo/broken/": 502, "/repos/octo/private/": 401 },
    );
    dir = mkdtempSync(join(tmpdir(), "f-meta-cache-"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => expect(server.shapeErrors).toEqual([]));

  test("reads action.yml at the ref, with the token, and decodes the metadata", async () => {
    const meta = await fetchActionMetadata("octo/deploy@v2", "t0ken", { baseUrl: server.baseUrl });
    expect(meta).toEqual({
      inputs: { target: { required: true }, token: { required: false }, old: { required: false, deprecated: true } },
      outputs: ["url"],
      runs: "node24",
    });
    expect(server.requests.at(-1)).toEqual({
      path: "/repos/octo/deploy/contents/action.yml?ref=v2",
      authorization: "Bearer t0ken",
    });
  });

  test("falls back to action.yaml in a sub-directory", async () => {
    const uses = "octo/tools/sub/dir@0123456789abcdef0123456789abcdef01234567";
    const meta = await fetchActionMetadata(uses, undefined, { baseUrl: server.baseUrl });
    expect(meta?.inputs).toEqual({ x: { required: false } });
    expect(server.requests.slice(-2).map((r) => r.path.split("?")[0])).toEqual([
      "/repos/octo/tools/contents/sub/dir/action.yml",
      "/repos/octo/tools/contents/sub/dir/action.yaml",
    ]);
    expect(server.requests.at(-1)?.authorization).toBeUndefined();
  });

  test("no action file is undefined; outages throw instead of looking like 'no inputs'", async () => {
    await expect(fetchActionMetadata("octo/missing@v1", "t", { baseUrl: server.baseUrl })).resolves.toBeUndefined();
    await expect(fetchActionMetadata("octo/broken@v1", "t", { baseUrl: server.baseUrl })).rejects.toThrow(
      MetadataFetchError,
    );
    await expect(fetchActionMetadata("octo/private@v1", "bad", { baseUrl: server.baseUrl })).rejects.toThrow(
      ConfigurationError,
    );
    await expect(fetchActionMetadata("./local", "t", { baseUrl: server.baseUrl })).resolves.toBeUndefined();
  });

  test("the disk cache answers the second time, negative answers included", async () => {
    const cache = new DiskMetadataCache(join(dir, "c1"));
    const before = server.requests.length;
    const first = await fetchActionMetadata("octo/deploy@v2", "t", { baseUrl: server.baseUrl, cache });
    await fetchActionMetadata("octo/missing@v1", "t", { baseUrl: server.baseUrl, cache });
    const afterFirst = server.requests.length;
    expect(afterFirst - before).toBe(3);
    const again = new DiskMetadataCache(join(dir, "c1"));
    expect(await fetchActionMetadata("octo/deploy@v2", "t", { baseUrl: server.baseUrl, cache: again })).toEqual(first);
    expect(
      await fetchActionMetadata("octo/missing@v1", "t", { baseUrl: server.baseUrl, cache: again }),
    ).toBeUndefined();
    expect(server.requests.length).toBe(afterFirst);
    expect(readdirSync(join(dir, "c1")).filter((f) => f.endsWith(".json"))).toHaveLength(2);
  });

  test("moving refs expire from the disk cache, commit SHAs do not", () => {
    let now = 1_000;
    const cache = new DiskMetadataCache(join(dir, "c2"), { maxAgeMs: 100, now: () => now });
    const meta = { inputs: {}, outputs: [] };
    cache.set("octo/a@v1", meta);
    cache.set("octo/a@0123456789abcdef0123456789abcdef01234567", meta);
    now = 2_000;
    expect(cache.get("octo/a@v1")).toBeUndefined();
    expect(cache.get("octo/a@0123456789abcdef0123456789abcdef01234567")).toEqual(meta);
  });

  test("RemoteActionMetadata: prefetch fills what the data set lacks, logs outages, lookup stays synchronous", async () => {
    const logger = new RecordingLogger();
    const remote = new RemoteActionMetadata({ token: "t", baseUrl: server.baseUrl, cacheDir: join(dir, "c3"), logger });
    const uses = collectRemoteUses([
      "jobs:\n  a:\n    steps:\n      - uses: octo/deploy@v2\n      - uses: 'octo/broken@v1' # pinned\n      - uses: actions/checkout@v4\n      - uses: ./local\n  b:\n    uses: octo/x/.github/workflows/y.yml@v1\n",
    ]);
    expect(uses).toEqual(["actions/checkout@v4", "octo/broken@v1", "octo/deploy@v2"]);
    const before = server.requests.length;
    await remote.prefetch(uses);
    expect(server.requests.slice(before).map((r) => r.path.split("/")[3])).toEqual(["broken", "deploy"]);
    expect(remote.lookup("octo/deploy@v2")?.inputs.target).toEqual({ required: true });
    expect(remote.lookup("octo/broken@v1")).toBeUndefined();
    expect(remote.lookup("actions/checkout@v4")?.inputs["fetch-depth"]).toEqual({ required: false });
    expect(logger.messages("warning")).toEqual([
      expect.stringContaining("could not fetch the inputs of octo/broken@v1"),
    ]);
  });

  test("without a token nothing is fetched", async () => {
    const before = server.requests.length;
    const remote = new RemoteActionMetadata({ baseUrl: server.baseUrl });
    await remote.prefetch(["octo/deploy@v2"]);
    expect(server.requests.length).toBe(before);
    expect(remote.lookup("octo/deploy@v2")).toBeUndefined();
  });

  test("the CLI cache lives under XDG_CACHE_HOME or ~/.cache", () => {
    expect(defaultMetadataCacheDir({ XDG_CACHE_HOME: "/x" })).toBe("/x/redundancy/action-metadata");
    expect(defaultMetadataCacheDir({})).toMatch(/\.cache\/redundancy\/action-metadata$/);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecordingLogger } from "../../../src/common/logger.js";
import { restoreMetadataCache, saveMetadataCache } from "../../../src/validate/metadata/actions-cache.js";

describe("@actions/cache adapter for the metadata cache", () => {
  const saved = { ...process.env };
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "f-acache-"));
    delete process.env.ACTIONS_CACHE_URL;
    delete process.env.ACTIONS_RESULTS_URL;
    delete process.env.ACTIONS_CACHE_SERVICE_V2;
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  test("outside a runner (no cache service) it neither fails nor pretends a hit", async () => {
    const logger = new RecordingLogger();
    await expect(restoreMetadataCache(dir, logger)).resolves.toBe(false);
    await expect(saveMetadataCache(dir, "42", logger)).resolves.toBeUndefined();
    expect(logger.messages("debug")).toEqual([expect.stringContaining("cache service is not available")]);
    expect(logger.messages("warning")).toEqual([]);
  });
});

// Regenerates schema/redundancy.schema.json from the zod schema in src/config/schema.ts.
// The generator is the schema test itself (it runs TypeScript), told to write the file.
import { spawnSync } from "node:child_process";

const result = spawnSync(process.execPath, ["scripts/test.mjs", "test/config/json-schema.test.ts"], {
  stdio: "inherit",
  env: { ...process.env, REDUNDANCY_WRITE_SCHEMA: "1" },
});
process.exit(result.status ?? 1);

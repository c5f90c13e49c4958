// `npm run bench`: every benchmark under bench/, each against its peer in the same run. Never part of `npm test`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const only = process.argv.slice(2);
const benches = ["validate", "pm2"].filter((b) => only.length === 0 || only.includes(b));
let failed = 0;
for (const bench of benches) {
  const script = `bench/${bench}/run.mjs`;
  if (!existsSync(script)) {
    console.error(`${script} is missing`);
    failed += 1;
    continue;
  }
  console.log(`\n=== bench/${bench} ===`);
  const r = spawnSync(process.execPath, [script], { stdio: "inherit" });
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);

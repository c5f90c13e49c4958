import { run } from "../health/action.js";

process.exit(await run());

import { run } from "../validate/action.js";

process.exit(await run());

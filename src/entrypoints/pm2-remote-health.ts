import { run } from "../pm2/action.js";

process.exit(await run());

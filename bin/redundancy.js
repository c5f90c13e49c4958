#!/usr/bin/env node
// Node 22.1 and later keep V8's compiled code of the bundle between runs (in the OS temp folder,
// as TypeScript's tsc does), which saves part of every start; on Node 20 this is a no-op.
import module from "node:module";

module.enableCompileCache?.();
await import("../dist/cli/index.js");

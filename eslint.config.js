// Flat config: typescript-eslint's recommended set (the type-checked one is too slow for every run) plus a few rules.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

// The Node globals plain .js/.mjs scripts use; TypeScript files get theirs from @types/node.
const nodeGlobals = Object.fromEntries(
  ["process", "console", "Buffer", "URL", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "fetch"].map(
    (name) => [name, "readonly"],
  ),
);

export default defineConfig(
  {
    ignores: [
      "dist/",
      "node_modules/",
      ".cache/",
      "coverage/",
      "bench/results/",
      "test/validate/err/",
      "test/validate/ok/",
      "**/*.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: nodeGlobals },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-empty": "error",
      // Stripping ANSI escapes from terminal output (pm2, ssh) is a legitimate control-character regex.
      "no-control-regex": "off",
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly", __filename: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);

/** Jest runs TypeScript as ESM (the @actions/* majors are ESM-only). */
export default {
  testEnvironment: "node",
  globalSetup: "<rootDir>/test/harness/global-setup.mjs",
  extensionsToTreatAsEsm: [".ts"],
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  moduleNameMapper: {
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.json", diagnostics: { ignoreCodes: [151001] } }],
  },
  testTimeout: 120000,
};

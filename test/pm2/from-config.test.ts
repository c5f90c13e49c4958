/** The `pm2` section of `.github/redundancy.yml` as run settings: timing keys, defaults, overrides. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigValidationError, parseConfig } from "../../src/config/index.js";
import { runSettingsFromConfig } from "../../src/pm2/from-config.js";
import { PM2_DEFAULTS } from "../../src/pm2/settings.js";
import { runCli, writeConfig, removeConfigs } from "./helpers.js";

const tempDir = mkdtempSync(join(tmpdir(), "pm2-from-config-"));

afterAll(() => {
  removeConfigs();
  rmSync(tempDir, { recursive: true, force: true });
});

function settingsOf(yaml: string, overrides = {}) {
  const loaded = parseConfig(yaml, {
    file: "redundancy.yml",
    absolutePath: "/x/redundancy.yml",
    exists: true,
    env: {},
  });
  return runSettingsFromConfig(loaded.settings.pm2, { file: loaded.file, cwd: tempDir, tempDir, overrides });
}

const HOSTS = ["  hosts:", "    - name: self", "      transport: local"];

test("settle-time and host-timeout default to what the checks use without a config", () => {
  const run = settingsOf(["pm2:", ...HOSTS].join("\n"));
  expect(run.settleTime).toBe(PM2_DEFAULTS.settleTime);
  expect(run.hostTimeout).toBe(PM2_DEFAULTS.hostTimeout);
});

test("settle-time and host-timeout from the file; CLI / input overrides win", () => {
  const yaml = ["pm2:", "  settle-time: 500ms", "  host-timeout: 45s", ...HOSTS].join("\n");
  expect(settingsOf(yaml)).toMatchObject({ settleTime: 500, hostTimeout: 45_000 });
  expect(settingsOf(yaml, { settleTime: 0, hostTimeout: 1000 })).toMatchObject({ settleTime: 0, hostTimeout: 1000 });
  expect(settingsOf(["pm2:", "  settle-time: 0", ...HOSTS].join("\n")).settleTime).toBe(0);
});

test("a bad duration names the file, line and key", () => {
  const attempt = (line: string) => () => settingsOf(["pm2:", line, ...HOSTS].join("\n"));
  expect(attempt("  host-timeout: soon")).toThrow(ConfigValidationError);
  expect(attempt("  host-timeout: soon")).toThrow(/redundancy\.yml:2:.*pm2\.host-timeout.*invalid duration 'soon'/s);
  expect(attempt("  host-timeout: 0")).toThrow(/pm2\.host-timeout/);
  expect(attempt("  settle-time: [1]")).toThrow(/redundancy\.yml:2:.*pm2\.settle-time/s);
});

test("the CLI rejects a zero host budget and a malformed settle time before connecting anywhere", async () => {
  const config = writeConfig({ hosts: [{ name: "self", transport: "local", "pm2-bin": "/nonexistent/pm2" }] });
  const zero = await runCli(["pm2", "--config", config, "--host-timeout", "0"]);
  expect(zero.code).toBe(2);
  expect(zero.stderr).toMatch(/--host-timeout: not a duration above 0: '0'/);
  const bad = await runCli(["pm2", "--config", config, "--settle-time", "later"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/--settle-time: not a duration: 'later'/);
});

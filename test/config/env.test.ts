import { ENV_OVERRIDES, recoveryEnabled, type RecoveringComponent, type Settings } from "../../src/config/index.js";
import { ConfigDir } from "./helpers.js";

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.cleanup());

const FILE = [
  "log-level: warning",
  "pm2:",
  "  max-restart-attempts: 5",
  "  check-interval: 2m",
  "workflows:",
  "  max-failures: 4",
  "",
].join("\n");

describe("precedence env > file > default, with sources", () => {
  test("each level wins over the next and says where it came from", async () => {
    const loaded = await dir.load(FILE, { PM2_MAX_RESTART_ATTEMPTS: "7" });
    const { settings, sources } = loaded;
    expect(settings.pm2["max-restart-attempts"]).toBe(7);
    expect(sources["pm2.max-restart-attempts"]).toBe("env:PM2_MAX_RESTART_ATTEMPTS");
    expect(settings.pm2["check-interval"]).toBe(120_000);
    expect(sources["pm2.check-interval"]).toBe("file:redundancy.yml:4");
    expect(settings.pm2.concurrency).toBe(8);
    expect(sources["pm2.concurrency"]).toBe("default");
  });

  test("a section without its own log level inherits the top-level one and its source", async () => {
    const fromFile = await dir.load(FILE);
    expect(fromFile.settings.pm2["log-level"]).toBe("warning");
    expect(fromFile.sources["pm2.log-level"]).toBe("file:redundancy.yml:1");
    const fromEnv = await dir.load(FILE, { REDUNDANCY_LOG_LEVEL: "debug", NETLIFY_REDUNDANCY_LOG_LEVEL: "error" });
    expect(fromEnv.settings.workflows["log-level"]).toBe("debug");
    expect(fromEnv.sources["workflows.log-level"]).toBe("env:REDUNDANCY_LOG_LEVEL");
    expect(fromEnv.settings.netlify["log-level"]).toBe("error");
    expect(fromEnv.sources["netlify.log-level"]).toBe("env:NETLIFY_REDUNDANCY_LOG_LEVEL");
  });

  test("an empty variable counts as unset", async () => {
    const loaded = await dir.load(FILE, { PM2_MAX_RESTART_ATTEMPTS: "" });
    expect(loaded.settings.pm2["max-restart-attempts"]).toBe(5);
  });
});

function at(settings: Settings, path: readonly PropertyKey[]): unknown {
  let node: unknown = settings;
  for (const segment of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = Object.getOwnPropertyDescriptor(node, segment)?.value;
  }
  return node;
}

describe("each variable maps to its setting", () => {
  const cases: [string, string, string, unknown][] = [
    ["REDUNDANCY_LOG_LEVEL", "debug", "log-level", "debug"],
    ["REDUNDANCY_AUTO_RECOVERY", "no", "auto-recovery", false],
    ["REDUNDANCY_MASTER_CHECK_INTERVAL", "600000", "check-interval", 600_000],
    ["PM2_MAX_RESTART_ATTEMPTS", "9", "pm2.max-restart-attempts", 9],
    ["PM2_AUTO_RECOVERY", "0", "pm2.auto-recovery", false],
    ["PM2_HEALTH_CHECK_INTERVAL", "30000", "pm2.check-interval", 30_000],
    ["PM2_REDUNDANCY_LOG_LEVEL", "error", "pm2.log-level", "error"],
    ["GITHUB_MAX_FAILURES", "6", "workflows.max-failures", 6],
    ["GITHUB_AUTO_TRIGGER", "false", "workflows.auto-trigger", false],
    ["GITHUB_HEALTH_CHECK_INTERVAL", "90s", "workflows.check-interval", 90_000],
    ["GITHUB_REDUNDANCY_LOG_LEVEL", "warn", "workflows.log-level", "warning"],
    ["NETLIFY_MAX_FAILURES", "2", "netlify.max-failures", 2],
    ["NETLIFY_AUTO_DEPLOY", "YES", "netlify.auto-deploy", true],
    ["NETLIFY_HEALTH_CHECK_INTERVAL", "1h", "netlify.check-interval", 3_600_000],
    ["NETLIFY_REDUNDANCY_LOG_LEVEL", "info", "netlify.log-level", "info"],
  ];

  test("the table covers every known variable", () => {
    expect(cases.map((c) => c[0]).sort()).toEqual(ENV_OVERRIDES.map((o) => o.name).sort());
  });

  test.each(cases)("%s=%s sets %s", async (name, value, key, expected) => {
    const loaded = await dir.load(FILE, { [name]: value });
    expect(at(loaded.settings, key.split("."))).toEqual(expected);
    expect(loaded.sources[key]).toBe(`env:${name}`);
  });
});

describe("bad overrides name the variable and the value", () => {
  test.each([
    ["PM2_AUTO_RECOVERY", "maybe", "PM2_AUTO_RECOVERY='maybe': expected true, false, 1, 0, yes or no"],
    ["PM2_MAX_RESTART_ATTEMPTS", "-1", "PM2_MAX_RESTART_ATTEMPTS='-1': expected a whole number >= 0"],
    ["GITHUB_MAX_FAILURES", "3.5", "GITHUB_MAX_FAILURES='3.5': expected a whole number >= 0"],
    [
      "PM2_HEALTH_CHECK_INTERVAL",
      "soon",
      "PM2_HEALTH_CHECK_INTERVAL='soon': expected milliseconds (e.g. 30000) or a duration (e.g. 30s, 5m)",
    ],
    ["REDUNDANCY_LOG_LEVEL", "loud", "REDUNDANCY_LOG_LEVEL='loud': expected one of debug, info, warning, error"],
  ])("%s=%s", async (name, value, message) => {
    const error = await dir.problem(FILE, { [name]: value });
    expect(error.message).toBe(message);
    expect(error.location.key).toBe(name);
  });

  test("bad overrides and bad file values come back together", async () => {
    const error = await dir.problem("pm2:\n  concurrency: 0\n", {
      NETLIFY_AUTO_DEPLOY: "sure",
      PM2_HEALTH_CHECK_INTERVAL: "0",
    });
    expect(error.message.split("\n")).toEqual([
      "redundancy.yml: 3 configuration errors:",
      "  redundancy.yml:2:16: pm2.concurrency: must be >= 1, got number 0",
      "  PM2_HEALTH_CHECK_INTERVAL='0': expected milliseconds (e.g. 30000) or a duration (e.g. 30s, 5m)",
      "  NETLIFY_AUTO_DEPLOY='sure': expected true, false, 1, 0, yes or no",
    ]);
  });
});

describe("recoveryEnabled", () => {
  test("the top-level switch turns every component off; each section has its own", async () => {
    const on = await dir.load("netlify:\n  auto-deploy: true\n", { PM2_AUTO_RECOVERY: "false" });
    expect(recoveryEnabled(on.settings, "pm2")).toBe(false);
    expect(recoveryEnabled(on.settings, "workflows")).toBe(true);
    expect(recoveryEnabled(on.settings, "netlify")).toBe(true);
    const off = await dir.load("netlify:\n  auto-deploy: true\n", { REDUNDANCY_AUTO_RECOVERY: "0" });
    const all: RecoveringComponent[] = ["pm2", "workflows", "netlify"];
    expect(all.map((c) => recoveryEnabled(off.settings, c))).toEqual([false, false, false]);
  });
});

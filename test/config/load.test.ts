import { ConfigurationError } from "../../src/common/errors.js";
import { ConfigValidationError, hostThresholds, loadConfig } from "../../src/config/index.js";
import { ConfigDir } from "./helpers.js";

let dir: ConfigDir;
beforeEach(() => {
  dir = new ConfigDir();
});
afterEach(() => dir.cleanup());

const y = (lines: string[]) => lines.join("\n") + "\n";

describe("valid files", () => {
  test("a full file is read, durations become ms and sizes bytes", async () => {
    const loaded = await dir.load(
      y([
        "log-level: debug",
        "check-interval: 1h30m",
        "pm2:",
        "  max-memory: 512M",
        "  connect-timeout: 5s",
        "  hosts:",
        "    - name: web-1",
        "      host: 10.0.0.5",
        "      port: 2222",
        "      user: deploy",
        "      jump-host: ops@bastion.example.com:2200",
        "      apps: [api, worker]",
        "      max-memory: 1G",
        "    - name: box",
        "      transport: local",
        "validate:",
        "  ignore:",
        "    - vendor/**",
        "    - path: .github/workflows/legacy.yml",
        "      rules: [shellcheck]",
        "  config-variables: [DEPLOY_ENV]",
        "  shellcheck: /usr/local/bin/shellcheck",
      ]),
    );
    const s = loaded.settings;
    expect(loaded.exists).toBe(true);
    expect(s["log-level"]).toBe("debug");
    expect(s["check-interval"]).toBe(5_400_000);
    expect(s.pm2["max-memory"]).toBe(512 * 1024 ** 2);
    expect(s.pm2["connect-timeout"]).toBe(5000);
    expect(s.pm2.hosts[0]).toMatchObject({ name: "web-1", port: 2222, transport: "ssh", "pm2-bin": "pm2" });
    expect(s.pm2.hosts[0]["max-memory"]).toBe(1024 ** 3);
    expect(s.pm2.hosts[1]).toMatchObject({ name: "box", transport: "local", port: 22, apps: [] });
    expect(s.pm2["log-level"]).toBe("debug");
    expect(s.validate.ignore).toEqual(["vendor/**", { path: ".github/workflows/legacy.yml", rules: ["shellcheck"] }]);
    expect(s.validate["config-variables"]).toEqual(["DEPLOY_ENV"]);
    expect(s.validate.shellcheck).toBe("/usr/local/bin/shellcheck");
    expect(loaded.sources["pm2.hosts[0].port"]).toBe("file:redundancy.yml:9");
    expect(loaded.sources["pm2.hosts[1].port"]).toBe("default");
  });

  test("an empty file and a comment-only file give the defaults", async () => {
    for (const text of ["", "# nothing yet\n"]) {
      const loaded = await dir.load(text);
      expect(loaded.settings["log-level"]).toBe("info");
      expect(loaded.settings.pm2.hosts).toEqual([]);
      expect(Object.values(loaded.sources).every((s) => s === "default")).toBe(true);
    }
  });
});

describe("defaults", () => {
  test("a missing file at the default path is fine and gives every default", async () => {
    const loaded = await loadConfig({ env: {}, cwd: dir.root });
    expect(loaded.exists).toBe(false);
    expect(loaded.file).toBe(".github/redundancy.yml");
    const s = loaded.settings;
    expect(s["log-level"]).toBe("info");
    expect(s["auto-recovery"]).toBe(true);
    expect(s["check-interval"]).toBe(300_000);
    expect(s.validate.paths).toEqual([".github/workflows/*.{yml,yaml}", "**/action.{yml,yaml}"]);
    expect(s.validate.shellcheck).toBe(true);
    expect(s.validate["config-variables"]).toBeNull();
    expect(s.pm2).toMatchObject({
      "auto-recovery": true,
      "max-restart-attempts": 3,
      "check-interval": 30_000,
      concurrency: 8,
      "connect-timeout": 10_000,
      "command-timeout": 60_000,
      "log-lines": 200,
      "insecure-skip-host-key-check": false,
      "log-level": "info",
    });
    expect(s.backup).toMatchObject({ branch: "redundancy-backups", "retention-days": 30 });
    expect(s.escalation.labels).toEqual(["redundancy"]);
    expect(loaded.sources["pm2.concurrency"]).toBe("default");
  });

  test("a missing file given explicitly is an error naming it", async () => {
    await expect(loadConfig({ file: "conf/nope.yml", env: {}, cwd: dir.root })).rejects.toThrow(
      new ConfigurationError("config file not found", { file: "conf/nope.yml" }),
    );
  });

  test("a directory instead of a file is an error naming it", async () => {
    dir.write("conf/x", "");
    await expect(loadConfig({ file: "conf", env: {}, cwd: dir.root })).rejects.toThrow(/^conf: is a directory/);
  });
});

describe("bad files: each message names file:line", () => {
  test("YAML syntax error", async () => {
    const error = await dir.problem(y(["pm2:", "  hosts:", "    - name: a", "      apps: [x, y", "log-level: info"]));
    // The parser notices the unclosed `[` where the next key starts.
    expect(error.message).toBe(
      "redundancy.yml:5:1: Flow sequence in block collection must be sufficiently indented and end with a ]",
    );
  });

  test("YAML syntax error: a key on a scalar's line", async () => {
    const error = await dir.problem(y(["log-level: info", "pm2:", "  concurrency: 2", "  hosts: a: b"]));
    expect(error.message).toMatch(/^redundancy\.yml:4:10: Nested mappings are not allowed in compact mappings/);
  });

  test("duplicate key", async () => {
    const error = await dir.problem(y(["pm2:", "  concurrency: 2", "  concurrency: 3"]));
    expect(error.message).toBe("redundancy.yml:3:3: Map keys must be unique");
  });

  test("unknown key with did-you-mean, at the key's position", async () => {
    const error = await dir.problem(y(["pm2:", "  hosts:", "    - name: a", "      host: h", "      prot: 2222"]));
    expect(error.message).toBe("redundancy.yml:5:7: pm2.hosts[0].prot: unknown key 'prot'; did you mean 'port'?");
  });

  test("unknown top-level section with did-you-mean, and one with no close match", async () => {
    const error = await dir.problem(y(["escalaton: {}", "zzzzzzzz: 1"]));
    expect(error.problems.map((p) => `${p.line}:${p.message}`)).toEqual([
      "1:unknown key 'escalaton'; did you mean 'escalation'?",
      "2:unknown key 'zzzzzzzz'",
    ]);
  });

  test("wrong type", async () => {
    const error = await dir.problem(y(["pm2:", "  concurrency: lots"]));
    expect(error.message).toBe("redundancy.yml:2:16: pm2.concurrency: expected an integer >= 1, got string 'lots'");
  });

  test("bad duration names the key and shows the value", async () => {
    const error = await dir.problem(y(["workflows:", "  check-interval: 5 minutes"]));
    expect(error.message).toMatch(/^redundancy\.yml:2:19: workflows\.check-interval: invalid duration '5 minutes'/);
  });

  test("bad size names the key and shows the value", async () => {
    const error = await dir.problem(
      y(["pm2:", "  hosts:", "    - name: a", "      host: h", "      max-memory: 12 parsecs"]),
    );
    expect(error.message).toMatch(/^redundancy\.yml:5:19: pm2\.hosts\[0\]\.max-memory: invalid size '12 parsecs'/);
  });

  test("bad regex names the pattern", async () => {
    const error = await dir.problem(y(["pm2:", "  log-patterns:", "    - ok", "    - 'fail(ed'"]));
    expect(error.message).toMatch(
      /^redundancy\.yml:4:7: pm2\.log-patterns\[1\]: invalid regular expression 'fail\(ed'/,
    );
  });

  test("duplicate host names point at the second one", async () => {
    const error = await dir.problem(
      y(["pm2:", "  hosts:", "    - name: web", "      host: a", "    - name: web", "      host: b"]),
    );
    expect(error.message).toBe("redundancy.yml:5:13: pm2.hosts[1].name: duplicate host name 'web' (also pm2.hosts[0])");
  });

  test("out-of-range port", async () => {
    const error = await dir.problem(y(["pm2:", "  hosts:", "    - name: a", "      host: h", "      port: 70000"]));
    expect(error.message).toBe("redundancy.yml:5:13: pm2.hosts[0].port: must be 1-65535, got number 70000");
  });

  test("ssh host without host, and a bad jump host", async () => {
    const error = await dir.problem(y(["pm2:", "  hosts:", "    - name: a", "      jump-host: 'a b@c'"]));
    expect(error.problems.map((p) => `${p.line}:${p.key}: ${p.message}`)).toEqual([
      "3:pm2.hosts[0].host: required unless transport is local",
      "4:pm2.hosts[0].jump-host: expected [user@]host[:port], got string 'a b@c'",
    ]);
  });

  test("a backup branch that is a workflow path", async () => {
    const error = await dir.problem(y(["backup:", "  branch: .github/workflows/ci.yml"]));
    expect(error.message).toMatch(/^redundancy\.yml:2:11: backup\.branch: .*looks like a workflow path/);
  });

  test("a top level that is a list", async () => {
    const error = await dir.problem(y(["- a", "- b"]));
    expect(error.message).toBe("redundancy.yml:1:1: the top level must be a mapping, got a list");
  });

  test("several errors are reported together, one per line, in file order", async () => {
    const error = await dir.problem(
      y([
        "log-level: loud",
        "pm2:",
        "  concurency: 3",
        "  hosts:",
        "    - name: a",
        "      host: h",
        "      port: 0",
        "backup:",
        "  retention-days: 365",
      ]),
    );
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("redundancy.yml: 4 configuration errors:");
    expect(lines.slice(1)).toEqual([
      "  redundancy.yml:1:12: log-level: expected one of debug, info, warning, error, got string 'loud'",
      "  redundancy.yml:3:3: pm2.concurency: unknown key 'concurency'; did you mean 'concurrency'?",
      "  redundancy.yml:7:13: pm2.hosts[0].port: must be 1-65535, got number 0",
      "  redundancy.yml:9:19: backup.retention-days: must be 1-90, got number 365",
    ]);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error).toBeInstanceOf(ConfigurationError);
  });
});

describe("hostile and odd files", () => {
  test("an alias bomb is refused with a clear error, not expanded", async () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    await expect(dir.load(y(lines))).rejects.toThrow(/^redundancy\.yml: cannot read YAML: .*alias/i);
  });

  test("a byte-order mark and CRLF line endings are fine, and lines still count right", async () => {
    const error = await dir.problem("\uFEFFlog-level: info\r\npm2:\r\n  concurrency: x\r\n");
    expect(error.message).toBe("redundancy.yml:3:16: pm2.concurrency: expected an integer >= 1, got string 'x'");
  });

  test("a section of the wrong type", async () => {
    const error = await dir.problem(y(["pm2:", "  hosts: web-1"]));
    expect(error.message).toBe("redundancy.yml:2:10: pm2.hosts: expected a list of hosts");
  });
});

describe("hostThresholds", () => {
  test("a host's own thresholds win over the pm2 section's", async () => {
    const { settings } = await dir.load(
      y(["pm2:", "  max-cpu: 80", "  hosts:", "    - {name: a, host: h, max-restarts: 2, log-patterns: [boom]}"]),
    );
    expect(hostThresholds(settings.pm2, settings.pm2.hosts[0])).toEqual({
      maxMemory: undefined,
      maxRestarts: 2,
      minUptime: 10_000,
      maxCpu: 80,
      logLines: 200,
      logPatterns: ["boom"],
    });
  });
});

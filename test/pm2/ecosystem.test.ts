import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigurationError } from "../../src/common/errors.js";
import { PM2_APP_KEYS, cronProblem, parseEcosystem, type EcosystemParse } from "../../src/pm2/ecosystem.js";

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "fixtures", "ecosystem");
const read = (name: string): EcosystemParse => parseEcosystem(name, readFileSync(join(dir, name), "utf8"));

function expectNoSecrets(result: EcosystemParse): void {
  const text = JSON.stringify(result);
  expect(text).not.toContain("hunter2");
  expect(text).not.toContain("planted-foo");
}

const brief = (r: EcosystemParse): [string, number | undefined, string | undefined, string][] =>
  r.findings.map((f) => [f.severity, f.line, f.key, f.message]);

describe("JavaScript ecosystem files, read without running them", () => {
  test("a literal module.exports reads exactly as node evaluates it", () => {
    const r = read("ecosystem.config.js");
    expectNoSecrets(r);
    expect(r.method).toBe("static-js");
    expect(r.findings).toEqual([]);
    expect(r.apps).toEqual([
      {
        name: "zion-auto-sync",
        script: "./dist/sync.js",
        cwd: "/srv/zion",
        instances: 1,
        execMode: "fork",
        maxMemoryRestart: "300M",
        envKeys: ["NODE_ENV", "DB_PASSWORD", "FOO"],
        line: 6,
      },
      {
        name: "zion-auto-sync-cron",
        script: "./dist/cron.js",
        cwd: "/srv/zion",
        instances: -1,
        execMode: "cluster",
        cronRestart: "*/15 * * * *",
        envKeys: [],
        line: 23,
      },
    ]);
    // The fixture is ours, so node may run it here as the oracle; .cjs because this package is "type": "module".
    const tmp = mkdtempSync(join(tmpdir(), "eco-oracle-"));
    let evaluatedText: string;
    try {
      const copy = join(tmp, "ecosystem.config.cjs");
      writeFileSync(copy, readFileSync(join(dir, "ecosystem.config.js")));
      evaluatedText = execFileSync(
        process.execPath,
        ["-e", `console.log(JSON.stringify(require(${JSON.stringify(copy)})))`],
        {
          encoding: "utf8",
        },
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    const evaluated = JSON.parse(evaluatedText) as {
      apps: { name: string; script: string; instances: number; cron_restart?: string; env?: object }[];
    };
    expect(r.apps.map((a) => [a.name, a.script, a.instances, a.cronRestart])).toEqual(
      evaluated.apps.map((a) => [a.name, a.script, a.instances, a.cron_restart]),
    );
    expect(r.apps[0].envKeys).toEqual(Object.keys(evaluated.apps[0].env ?? {}));
  });

  test("export default in an .mjs file", () => {
    const r = read("ecosystem.esm.mjs");
    expect(r.findings).toEqual([]);
    expect(r.apps).toEqual([
      {
        name: "web",
        script: "server.js",
        instances: "max",
        execMode: "cluster",
        maxMemoryRestart: "1073741824",
        envKeys: [],
        line: 2,
      },
    ]);
  });

  test("require, variables, spreads, calls, process.env and interpolation are findings naming the line", () => {
    const r = read("ecosystem.dynamic.cjs");
    expectNoSecrets(r);
    const hint = "cannot be read statically; use JSON/YAML or literal values";
    expect(brief(r)).toEqual([
      ["error", 1, undefined, `the declaration of \`path\` would have to run: the file ${hint}`],
      ["error", 2, undefined, `the call \`require(...).config(...)\` would have to run: the file ${hint}`],
      ["error", 3, undefined, `the declaration of \`shared\` would have to run: the file ${hint}`],
      ["error", 9, "apps[0].script", `the call \`path.join(...)\` ${hint}`],
      ["error", 10, undefined, `a spread (...) ${hint}`],
      ["error", 12, "apps[0].env.DATABASE_URL", `\`process.env.DATABASE_URL\` ${hint}`],
      ["error", 15, "apps[0].instances", `an expression with \`||\` ${hint}`],
      ["error", 16, "apps[0].args", `a template string with \${...} ${hint}`],
    ]);
    expect(r.findings[3].column).toBe(15);
    // What can be read still is: names of env variables, the app's name.
    expect(r.apps).toEqual([{ name: "api", envKeys: ["DATABASE_URL", "FOO"], line: 7 }]);
  });

  test("code in the file is never run", () => {
    const tmp = mkdtempSync(join(tmpdir(), "eco-test-"));
    try {
      const marker = join(tmp, "pwned");
      const source = `require("fs").writeFileSync(${JSON.stringify(marker)}, "x");\nmodule.exports = { apps: [{ name: "a", script: require("fs").writeFileSync(${JSON.stringify(marker)}, "y") || "a.js" }] };\n`;
      const r = parseEcosystem(join(tmp, "ecosystem.config.js"), source);
      expect(existsSync(marker)).toBe(false);
      expect(r.findings.map((f) => f.line)).toEqual([1, 2]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test("a syntax error is a finding with line and column, not a throw", () => {
    const r = parseEcosystem(
      "ecosystem.config.js",
      'module.exports = {\n  apps: [\n    { name: "a" script: "x" },\n  ],\n};\n',
    );
    expect(r.apps).toEqual([]);
    expect(r.findings).toEqual([
      { severity: "error", message: "invalid JavaScript: Unexpected token", line: 3, column: 17 },
    ]);
  });

  test("sloppy-mode CommonJS still parses; a file without an export is an error", () => {
    expect(
      parseEcosystem("e.cjs", 'module.exports = { apps: [{ name: "a", script: "a.js", instances: 010 }] };').findings,
    ).toEqual([]);
    expect(parseEcosystem("e.config.js", "const apps = [];\n").findings.map((f) => f.message)).toEqual([
      "the declaration of `apps` would have to run: the file cannot be read statically; use JSON/YAML or literal values",
      "no `module.exports = { apps: [...] }` or `export default { apps: [...] }` found",
    ]);
  });
});

describe("JSON and YAML ecosystem files", () => {
  test("a good JSON file", () => {
    const r = read("ecosystem.json");
    expectNoSecrets(r);
    expect(r.method).toBe("json");
    expect(r.findings).toEqual([]);
    expect(
      r.apps.map((a) => [a.name, a.instances, a.execMode, a.maxMemoryRestart, a.cronRestart, a.envKeys, a.line]),
    ).toEqual([
      ["zion-auto-sync", 2, "cluster", "1G", undefined, ["NODE_ENV", "DB_PASSWORD", "FOO"], 3],
      ["zion-auto-sync-cron", undefined, undefined, undefined, "0 0 3 * * MON-FRI", [], 12],
    ]);
  });

  test("every problem in a bad JSON file, with its line and key", () => {
    const r = read("ecosystem.bad.json");
    expectNoSecrets(r);
    expect(brief(r)).toEqual([
      [
        "warning",
        7,
        "apps[0].exec_mode",
        'app "api" asks for 4 instances in fork mode: they run as separate processes that cannot share a port; use exec_mode "cluster"',
      ],
      [
        "error",
        8,
        "apps[0].max_memory_restart",
        'max_memory_restart "150MB" in app "api" is not a size PM2 reads; use bytes or a whole number with K, M or G (150M, 1G, 500K)',
      ],
      [
        "error",
        9,
        "apps[0].cron_restart",
        'cron_restart "0 25 * * *" in app "api" is not a valid cron pattern: hour field "25": "25" is not a valid hour (0-23)',
      ],
      [
        "warning",
        11,
        "apps[0].restart_dealy",
        'unknown key "restart_dealy" in app "api"; PM2 ignores it (did you mean "restart_delay"?)',
      ],
      ["error", 13, "apps[1]", 'app "api" has no `script`; PM2 cannot start it'],
      ["error", 14, "apps[1].name", 'duplicate app name "api" (first defined at line 3); names must be unique'],
      ["error", 15, "apps[1].instances", 'instances "lots" in app "api" must be a whole number, -1 or "max"'],
      ["error", 16, "apps[1].exec_mode", 'exec_mode "threads" in app "api" must be "fork" or "cluster"'],
      ["error", 17, "apps[1].env_production", '`env_production` in app "api" must be an object of variables'],
      ["warning", 20, "settings", 'unknown top-level key "settings"; PM2 reads only apps and deploy'],
    ]);
    expect(r.findings[1].column).toBe(7);
  });

  test("a JSON syntax error gives its line without quoting the file", () => {
    const text = '{\n  "apps": [\n    { "name": "a", "env": { "FOO": "planted-foo-value" ,, } }\n  ]\n}\n';
    const r = parseEcosystem("ecosystem.json", text);
    expectNoSecrets(r);
    expect(r.findings).toEqual([
      { severity: "error", message: "invalid JSON: Expected double-quoted property name", line: 3, column: 57 },
    ]);
  });

  test("a good YAML file with an alias", () => {
    const r = read("ecosystem.yml");
    expectNoSecrets(r);
    expect(r.method).toBe("yaml");
    expect(r.findings).toEqual([]);
    expect(r.apps.map((a) => [a.name, a.instances, a.execMode, a.maxMemoryRestart, a.cronRestart, a.envKeys])).toEqual([
      ["zion-auto-sync", "max", "cluster", "500K", undefined, ["NODE_ENV", "DB_PASSWORD"]],
      ["zion-auto-sync-cron", undefined, undefined, undefined, "@daily", []],
    ]);
  });

  test("every problem in a bad YAML file, with line and column", () => {
    const r = read("ecosystem.bad.yml");
    expectNoSecrets(r);
    expect(brief(r)).toEqual([
      [
        "error",
        4,
        "apps[0].max_memory_restart",
        'max_memory_restart "2GB" in app "worker" is not a size PM2 reads; use bytes or a whole number with K, M or G (150M, 1G, 500K)',
      ],
      [
        "error",
        5,
        "apps[0].cron_restart",
        'cron_restart "*/5 * * *" in app "worker" is not a valid cron pattern: it has 4 fields; use 5 (minute hour day month weekday) or 6 (with seconds first)',
      ],
      [
        "warning",
        8,
        "apps[0].instance",
        'unknown key "instance" in app "worker"; PM2 ignores it (did you mean "instances"?)',
      ],
      ["warning", 9, "apps[1]", 'apps[1] has no `name`; PM2 names it after its script ("cleanup")'],
      [
        "warning",
        11,
        "apps[1].interpreter",
        'app "cleanup" runs in cluster mode with the interpreter "python3"; cluster mode works only for Node.js apps',
      ],
      ["error", 12, "apps[2]", 'app "worker" has no `script`; PM2 cannot start it'],
      ["error", 12, "apps[2].name", 'duplicate app name "worker" (first defined at line 2); names must be unique'],
      ["error", 13, "apps[2].env", '`env` in app "worker" must be an object of variables'],
      ["warning", 14, "apps[2].autorestart", 'autorestart in app "worker" should be true or false'],
    ]);
    expect(r.findings.map((f) => f.column)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5]);
  });

  test("a YAML syntax error gives its position without quoting the source", () => {
    const r = parseEcosystem(
      "ecosystem.yaml",
      'apps:\n  - name: a\n    env: { FOO: "planted-foo-value"\n  - name: b\n',
    );
    expectNoSecrets(r);
    expect(r.apps).toEqual([]);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings[0]).toMatchObject({ severity: "error", line: expect.any(Number) });
    expect(r.findings[0].message).toMatch(/^invalid YAML: /);
  });

  test.each([
    ["empty", "", "the file is empty; it needs `apps: [...]`"],
    ["no apps", "deploy: {}\n", "no `apps` list: an ecosystem file needs `apps: [...]`"],
    ["a scalar", "just text\n", "expected an object with `apps: [...]`"],
    ["apps not a list", "apps:\n  name: a\n", "`apps` must be a list of apps"],
    ["an app not an object", "apps:\n  - a.js\n", "apps[0] must be an object describing one app"],
    ["an empty list", "apps: []\n", "`apps` is empty"],
  ])("%s", (_label, text, message) => {
    expect(parseEcosystem("ecosystem.yml", text).findings.map((f) => f.message)).toEqual([message]);
  });

  test("a top-level list of apps is accepted, as PM2 does", () => {
    expect(parseEcosystem("apps.json", '[{"name": "a", "script": "a.js"}]')).toMatchObject({
      findings: [],
      apps: [{ name: "a" }],
    });
  });

  test("an unsupported file type is a configuration error naming the file", () => {
    expect(() => parseEcosystem("deploy/ecosystem.toml", "")).toThrow(ConfigurationError);
    expect(() => parseEcosystem("deploy/ecosystem.toml", "")).toThrow(
      /^deploy\/ecosystem\.toml: unsupported ecosystem file type/,
    );
  });
});

describe("field checks", () => {
  const app = (fields: string): EcosystemParse =>
    parseEcosystem("e.json", `{"apps": [{"name": "a", "script": "a.js", ${fields}}]}`);

  test.each([['"150M"'], ['"1G"'], ['"500K"'], ["1048576"], ['"1048576"']])(
    "max_memory_restart %s is accepted",
    (v) => {
      expect(app(`"max_memory_restart": ${v}`).findings).toEqual([]);
    },
  );

  test.each([['"1.5G"'], ['"150MB"'], ['"150m"'], ["-1"], ['"lots"'], ["true"]])(
    "max_memory_restart %s is an error",
    (v) => {
      expect(app(`"max_memory_restart": ${v}`).findings).toMatchObject([
        { severity: "error", key: "apps[0].max_memory_restart" },
      ]);
    },
  );

  test("instances and exec_mode coherence", () => {
    expect(app('"instances": 4').findings).toEqual([]);
    expect(app('"instances": 4, "exec_mode": "cluster_mode"').apps[0]).toMatchObject({
      instances: 4,
      execMode: "cluster",
    });
    expect(app('"instances": "max", "exec_mode": "fork_mode"').findings).toMatchObject([{ severity: "warning" }]);
    expect(app('"instances": 1, "exec_mode": "fork"').findings).toEqual([]);
    expect(app('"instances": 2.5').findings).toMatchObject([{ severity: "error", key: "apps[0].instances" }]);
    expect(app('"instances": "4"').findings).toMatchObject([{ severity: "error", key: "apps[0].instances" }]);
  });

  test("aliases PM2 documents are known keys, not typos", () => {
    expect(
      app('"exec": "b.js", "cron": "0 * * * *", "out": "o.log", "err": "e.log", "interpreter": "node"').findings,
    ).toEqual([]);
  });

  test("the known keys cover every key and alias in the installed PM2's schema", () => {
    const schema = JSON.parse(
      readFileSync(join(here, "..", "..", "node_modules", "pm2", "lib", "API", "schema.json"), "utf8"),
    ) as Record<string, { alias?: string | string[] }>;
    const missing: string[] = [];
    for (const [key, spec] of Object.entries(schema)) {
      if (key.startsWith("^")) continue;
      for (const name of [key, ...(spec.alias === undefined ? [] : [spec.alias].flat())])
        if (!PM2_APP_KEYS.has(name)) missing.push(name);
    }
    expect(missing).toEqual([]);
  });
});

describe("cronProblem", () => {
  test.each([
    "* * * * *",
    "*/15 * * * *",
    "0 3 * * MON-FRI",
    "0 0 1,15 * *",
    "30 2 * JAN,JUL sun",
    "0 0 3 * * 1-5",
    "0 0 L * *",
    "0 0 * * 5#2",
    "0 0 ? * 7",
    "5-10/2 * * * *",
    "@daily",
    "@Weekly",
  ])("%s is valid", (p) => {
    expect(cronProblem(p)).toBeUndefined();
  });

  test.each([
    ["* * * *", "it has 4 fields; use 5 (minute hour day month weekday) or 6 (with seconds first)"],
    ["* * * * * * *", "it has 7 fields; use 5 (minute hour day month weekday) or 6 (with seconds first)"],
    ["60 * * * *", 'minute field "60": "60" is not a valid minute (0-59)'],
    ["0 0 0 * *", 'day of month field "0": "0" is not a valid day of month (1-31)'],
    ["0 0 * 13 *", 'month field "13": "13" is not a valid month (1-12 or JAN-DEC)'],
    ["0 0 * * FUNDAY", 'day of week field "FUNDAY": "FUNDAY" is not a valid day of week (0-7 or SUN-SAT)'],
    ["*/0 * * * *", 'minute field "*/0": step "0" must be a positive whole number'],
    ["10-5 * * * *", 'minute field "10-5": range "10-5" runs backwards'],
    ["1,,2 * * * *", 'minute field "1,,2": empty list item'],
    ["@sometimes", 'unknown nickname "@sometimes"'],
  ])("%s is invalid", (p, problem) => {
    expect(cronProblem(p)).toBe(problem);
  });
});

describe("an ecosystem file fetched from a host (readExpectedApps)", () => {
  test("counts its error-level findings once, with the notes and the redacted backup copy", async () => {
    const { readExpectedApps } = await import("../../src/pm2/backup.js");
    const { Redactor } = await import("../../src/common/redact.js");
    const text = JSON.stringify({
      apps: [
        { name: "web", script: "web.js", env: { TOKEN: "hunter2" } },
        { name: "bad", script: "bad.js", instances: "lots" },
        { script: "nameless.js" },
      ],
    });
    const read = readExpectedApps("/srv/ecosystem.json", text, new Redactor());
    const errors = parseEcosystem("/srv/ecosystem.json", text).findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(read.errors).toBe(errors.length);
    expect(read.names).toContain("web");
    expect(JSON.stringify(read)).not.toContain("hunter2");
    // A file pm2 cannot read at all is one error.
    const unreadable = readExpectedApps("/srv/ecosystem.txt", "apps", new Redactor());
    expect(unreadable).toMatchObject({ names: [], errors: 1 });
    expect(unreadable.notes[0]).toMatch(/ecosystem/);
  });
});

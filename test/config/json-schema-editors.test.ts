/**
 * The exported JSON Schema is what editors check a config against: it must accept what the loader
 * accepts and reject what it rejects, checked with a real JSON Schema 2020-12 validator (ajv).
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { isConfigurationError } from "../../src/common/errors.js";
import { parseConfig } from "../../src/config/index.js";

const schema = JSON.parse(readFileSync("schema/redundancy.schema.json", "utf8")) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

function loaderAccepts(text: string): boolean {
  try {
    parseConfig(text, { file: "redundancy.yml", absolutePath: "/tmp/redundancy.yml", exists: true, env: {} });
    return true;
  } catch (error) {
    if (isConfigurationError(error)) return false;
    throw error;
  }
}

const accepted: Record<string, string> = {
  "the demo config": readFileSync("examples/demo/.github/redundancy.yml", "utf8"),
  "this repository's config": readFileSync(".github/redundancy.yml", "utf8"),
  "an empty mapping": "{}\n",
  "a host with every field": [
    "pm2:",
    "  hosts:",
    "    - name: web-1",
    "      host: web-1.example.com",
    "      port: 2222",
    "      user: deploy",
    "      jump-host: bastion@jump.example.com:22",
    "      pm2-home: /home/deploy/.pm2",
    "      pm2-bin: /usr/local/bin/pm2",
    "      apps: [api, worker]",
    "      ecosystem-file: /srv/app/ecosystem.config.json",
    "      max-memory: 1G",
    "",
  ].join("\n"),
};

const rejected: Record<string, string> = {
  "an unknown top-level key": "validat:\n  shellcheck: false\n",
  "an unknown host key": "pm2:\n  hosts:\n    - name: a\n      host: a.example.com\n      prot: 22\n",
  "a port out of range": "pm2:\n  hosts:\n    - name: a\n      host: a.example.com\n      port: 70000\n",
  "a host without a name": "pm2:\n  hosts:\n    - host: a.example.com\n",
  "a wrong type": "validate:\n  shellcheck: [yes]\n",
  "a bad log level": "log-level: loud\n",
};

describe("schema/redundancy.schema.json agrees with the loader", () => {
  test.each(Object.entries(accepted))("accepts %s", (_name, text) => {
    expect(loaderAccepts(text)).toBe(true);
    const ok = validate(parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test.each(Object.entries(rejected))("rejects %s", (_name, text) => {
    expect(loaderAccepts(text)).toBe(false);
    expect(validate(parse(text))).toBe(false);
  });
});

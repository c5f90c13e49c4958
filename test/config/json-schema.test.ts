import { readFileSync, writeFileSync } from "node:fs";
import { configJsonSchema, configJsonSchemaText } from "../../src/config/index.js";

const SCHEMA_FILE = new URL("../../schema/redundancy.schema.json", import.meta.url);

// `node scripts/gen-schema.mjs` runs this file with REDUNDANCY_WRITE_SCHEMA=1 to regenerate the file.
const writing = process.env.REDUNDANCY_WRITE_SCHEMA === "1";

test("schema/redundancy.schema.json equals freshly generated output", () => {
  const fresh = configJsonSchemaText();
  if (writing) writeFileSync(SCHEMA_FILE, fresh);
  const committed = readFileSync(SCHEMA_FILE, "utf8");
  if (committed !== fresh) throw new Error("schema/redundancy.schema.json is stale: run `node scripts/gen-schema.mjs`");
  expect(committed).toBe(fresh);
});

interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  default?: unknown;
}

/** Every object in the schema, with its dotted path. */
function objects(node: JsonSchemaNode, path: string, out: [string, JsonSchemaNode][] = []): [string, JsonSchemaNode][] {
  if (node.properties) out.push([path, node]);
  for (const [key, child] of Object.entries(node.properties ?? {})) objects(child, path ? `${path}.${key}` : key, out);
  if (node.items) objects(node.items, `${path}[]`, out);
  for (const option of node.anyOf ?? []) objects(option, path, out);
  return out;
}

describe("the exported schema", () => {
  const schema = configJsonSchema();

  test("is draft 2020-12 with a title", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toMatch(/redundancy/);
  });

  test("every object is closed and every key has a description", () => {
    const found = objects(schema, "");
    expect(found.map(([path]) => path)).toEqual(
      expect.arrayContaining(["", "validate", "pm2", "pm2.hosts[]", "netlify.sites[]", "backup", "escalation"]),
    );
    for (const [path, node] of found) {
      expect([path, node.additionalProperties]).toEqual([path, false]);
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        expect([`${path}.${key}`, typeof child.description]).toEqual([`${path}.${key}`, "string"]);
      }
    }
  });

  test("durations accept strings and numbers, with their default as written", () => {
    const pm2 = objects(schema, "").find(([path]) => path === "pm2")?.[1];
    expect(pm2?.properties?.["check-interval"]).toMatchObject({ type: ["string", "number"], default: "30s" });
    expect(pm2?.properties?.hosts?.items?.properties?.port).toMatchObject({
      type: "integer",
      minimum: 1,
      maximum: 65535,
    });
  });
});

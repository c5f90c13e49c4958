// Checks JSON bodies against schemas of GitHub's published OpenAPI description (@octokit/openapi),
// so the local double of the contents API cannot drift from the real API's shapes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};

let spec: { components: { schemas: Record<string, Schema> } } | undefined;

function load(): { components: { schemas: Record<string, Schema> } } {
  if (!spec) {
    const require = createRequire(import.meta.url);
    const path = require.resolve("@octokit/openapi/generated/api.github.com.json");
    spec = JSON.parse(readFileSync(path, "utf8")) as { components: { schemas: Record<string, Schema> } };
  }
  return spec;
}

function check(value: unknown, schema: Schema, at: string, errors: string[]): void {
  if (schema.$ref) {
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = load().components.schemas[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    check(value, target, at, errors);
    return;
  }
  if (value === null) {
    if (!schema.nullable && schema.type !== undefined) errors.push(`${at}: null is not allowed`);
    return;
  }
  if (schema.oneOf || schema.anyOf) {
    const options = schema.oneOf ?? schema.anyOf ?? [];
    const passing = options.filter((option) => {
      const sub: string[] = [];
      check(value, option, at, sub);
      return sub.length === 0;
    });
    if (passing.length === 0) errors.push(`${at}: matches none of the alternatives`);
    return;
  }
  for (const part of schema.allOf ?? []) check(value, part, at, errors);
  const actual = Array.isArray(value) ? "array" : typeof value;
  if (schema.type === "integer") {
    if (!Number.isInteger(value)) errors.push(`${at}: expected integer`);
  } else if (schema.type && schema.type !== actual) {
    errors.push(`${at}: expected ${schema.type}, got ${actual}`);
    return;
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (actual === "object" && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${at}.${key}: required`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in record) check(record[key], sub, `${at}.${key}`, errors);
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((item, i) => check(item, schema.items as Schema, `${at}[${i}]`, errors));
}

/** Problems of `value` against `#/components/schemas/<name>`; empty when it conforms. */
export function schemaProblems(name: string, value: unknown): string[] {
  const errors: string[] = [];
  check(value, { $ref: `#/components/schemas/${name}` }, "$", errors);
  return errors;
}

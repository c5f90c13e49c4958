import * as z from "zod/mini";
import { configSchema } from "./schema.js";

export const SCHEMA_ID = "https://github.com/OWNER/redundancy/blob/main/schema/redundancy.schema.json";

/** The JSON Schema (draft 2020-12) of `.github/redundancy.yml`, as editors read it. */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "throw",
    override: ({ jsonSchema }) => {
      // zod's integers carry the safe-integer bounds; editors only need the ones we chose.
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    },
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: "redundancy configuration (.github/redundancy.yml)",
    description:
      "Settings of the redundancy actions and CLI. Every section is optional. Durations: 30s, 5m, 1h30m, 250ms (a bare number is seconds). Sizes: 512M, 1.5G.",
    ...rest,
  };
}

/** The committed file's exact text: two-space JSON and a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** "did you mean" for unknown keys: the known keys of the same mapping, by edit distance. */
import * as z from "zod/mini";
import type { ConfigPath } from "./yaml-position.js";
import { closestMatch } from "../common/edit-distance.js";

/** The closest candidate when it is close enough to be a plausible typo, else undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return closestMatch(word.toLowerCase().replace(/_/g, "-"), candidates, Math.max(2, Math.floor(word.length / 3)));
}

// zod/mini schemas have no accessors like classic's `.unwrap()` or `.shape`: read their definitions.
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current: z.core.$ZodType = schema;
  for (;;) {
    if (
      current instanceof z.core.$ZodOptional ||
      current instanceof z.core.$ZodNullable ||
      current instanceof z.core.$ZodDefault ||
      current instanceof z.core.$ZodPrefault
    ) {
      current = current._zod.def.innerType;
    } else if (current instanceof z.core.$ZodPipe && current._zod.def.in instanceof z.core.$ZodType) {
      current = current._zod.def.in;
    } else return current;
  }
}

/** The keys a strict object at `path` of `schema` accepts. */
export function knownKeysAt(schema: z.core.$ZodType, path: ConfigPath): string[] {
  let candidates: z.core.$ZodType[] = [schema];
  for (const segment of path) {
    const next: z.core.$ZodType[] = [];
    for (const candidate of candidates.map(unwrap)) {
      const shape = candidate instanceof z.core.$ZodObject ? candidate._zod.def.shape : undefined;
      if (shape && typeof segment === "string" && segment in shape) {
        next.push(shape[segment]);
      } else if (candidate instanceof z.core.$ZodArray && typeof segment === "number") {
        next.push(candidate._zod.def.element);
      } else if (candidate instanceof z.core.$ZodUnion) {
        for (const option of candidate._zod.def.options) if (option instanceof z.core.$ZodType) next.push(option);
      }
    }
    candidates = next.flatMap((c) => {
      const inner = unwrap(c);
      return inner instanceof z.core.$ZodUnion
        ? inner._zod.def.options.filter((o) => o instanceof z.core.$ZodType)
        : [inner];
    });
  }
  const keys = new Set<string>();
  for (const candidate of candidates.map(unwrap)) {
    if (candidate instanceof z.core.$ZodObject) for (const key of Object.keys(candidate._zod.def.shape)) keys.add(key);
  }
  return [...keys];
}

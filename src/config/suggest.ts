/** "did you mean" for unknown keys: the known keys of the same mapping, by edit distance. */
import * as z from "zod";
import type { ConfigPath } from "./yaml-position.js";
import { closestMatch } from "../common/edit-distance.js";

/** The closest candidate when it is close enough to be a plausible typo, else undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return closestMatch(word.toLowerCase().replace(/_/g, "-"), candidates, Math.max(2, Math.floor(word.length / 3)));
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current: z.core.$ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodDefault || current instanceof z.ZodPrefault) current = current.unwrap();
    else if (current instanceof z.ZodPipe && current.in instanceof z.core.$ZodType) current = current.in;
    else return current;
  }
}

/** The keys a strict object at `path` of `schema` accepts. */
export function knownKeysAt(schema: z.core.$ZodType, path: ConfigPath): string[] {
  let candidates: z.core.$ZodType[] = [schema];
  for (const segment of path) {
    const next: z.core.$ZodType[] = [];
    for (const candidate of candidates.map(unwrap)) {
      if (candidate instanceof z.ZodObject && typeof segment === "string" && segment in candidate.shape) {
        next.push(candidate.shape[segment]);
      } else if (candidate instanceof z.ZodArray && typeof segment === "number") {
        next.push(candidate.element);
      } else if (candidate instanceof z.ZodUnion) {
        for (const option of candidate.options) if (option instanceof z.core.$ZodType) next.push(option);
      }
    }
    candidates = next.flatMap((c) => {
      const inner = unwrap(c);
      return inner instanceof z.ZodUnion ? inner.options.filter((o) => o instanceof z.core.$ZodType) : [inner];
    });
  }
  const keys = new Set<string>();
  for (const candidate of candidates.map(unwrap)) {
    if (candidate instanceof z.ZodObject) for (const key of Object.keys(candidate.shape)) keys.add(key);
  }
  return [...keys];
}

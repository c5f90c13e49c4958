/**
 * Property: whatever a workflow is mutated into, the engine returns findings (no exception
 * escapes) and every finding points inside the file.
 */
import fc from "fast-check";
import { validateSource } from "../../src/validate/engine.js";
import type { Finding } from "../../src/validate/finding.js";
import { apply, mutation, SEEDS } from "../support/mutate.js";

function withinBounds(text: string, findings: Finding[]): boolean {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = source.split("\n");
  return findings.every((f) => {
    if (!Number.isInteger(f.line) || !Number.isInteger(f.column) || f.line < 1 || f.column < 1) return false;
    if (f.line > lines.length + 1) return false;
    return f.column <= (lines[f.line - 1]?.length ?? 0) + 2;
  });
}

test("mutated workflows never throw and every finding has a position inside the file", () => {
  fc.assert(
    fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, muts) => {
      const file = seed === 2 ? "action.yml" : "w.yml";
      const text = apply(SEEDS[seed] ?? "", muts);
      const findings = validateSource(file, text, { settings: { shellcheck: false } });
      const internal = findings.filter((f) => f.rule === "internal");
      if (internal.length > 0) throw new Error(`internal finding for:\n${text}\n${JSON.stringify(internal)}`);
      if (!withinBounds(text, findings))
        throw new Error(`finding out of bounds:\n${text}\n${JSON.stringify(findings)}`);
    }),
    { numRuns: 2000 },
  );
});

/** forEachExpression must visit every `${{ }}` value a full walk finds, in the same order. */
import fc from "fast-check";
import { isBasicExpression, isMapping, isSequence } from "@actions/workflow-parser";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { forEachExpression } from "../../../src/validate/expr/located.js";
import { parseSource } from "../../../src/validate/parse.js";
import { apply, mutation, SEEDS } from "../../support/mutate.js";

function everyExpression(token: TemplateToken, out: TemplateToken[]): TemplateToken[] {
  if (isMapping(token)) for (let i = 0; i < token.count; i++) everyExpression(token.get(i).value, out);
  else if (isSequence(token)) for (let i = 0; i < token.count; i++) everyExpression(token.get(i), out);
  else if (isBasicExpression(token)) out.push(token);
  return out;
}

function skipping(token: TemplateToken): TemplateToken[] {
  const out: TemplateToken[] = [];
  forEachExpression(token, (expression) => out.push(expression));
  return out;
}

test("the seeds' expressions are all found, subtrees without any skipped", () => {
  for (const [i, seed] of SEEDS.entries()) {
    const root = parseSource(seed, i === 2 ? "action" : "workflow").root;
    if (!root) throw new Error(`seed ${i} did not parse`);
    const all = everyExpression(root, []);
    expect(all.length).toBeGreaterThan(0);
    expect(skipping(root)).toEqual(all);
  }
});

test("on mutated workflows, the same expressions in the same order as a full walk", () => {
  fc.assert(
    fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, muts) => {
      const text = apply(SEEDS[seed] ?? "", muts);
      const root = parseSource(text, seed === 2 ? "action" : "workflow").root;
      if (!root) return;
      expect(skipping(root)).toEqual(everyExpression(root, []));
    }),
    { numRuns: 1500, seed: 20261204 },
  );
});

import fc from "fast-check";
import { closestMatch, editDistance } from "../../src/common/edit-distance.js";

test("editDistance counts insertions, deletions and substitutions", () => {
  expect(editDistance("runs-on", "runs-on")).toBe(0);
  expect(editDistance("ubuntu-lates", "ubuntu-latest")).toBe(1);
  expect(editDistance("kitten", "sitting")).toBe(3);
});

test("editDistance with a limit stops early but stays exact up to the limit", () => {
  expect(editDistance("kitten", "sitting", 3)).toBe(3);
  expect(editDistance("kitten", "sitting", 2)).toBe(3);
  expect(editDistance("a", "abcdefgh", 2)).toBe(3);
});

test("closestMatch picks the first nearest candidate within the bound, after normalising", () => {
  expect(closestMatch("pushh", ["pull_request", "push", "page_build"], 2)).toBe("push");
  expect(closestMatch("PUSH", ["push"], 0, (t) => t.toLowerCase())).toBe("push");
  expect(closestMatch("ab", ["ax", "ay"], 1)).toBe("ax");
  expect(closestMatch("schedule", ["push", "release"], 2)).toBeUndefined();
});

test("editDistance matches the textbook recurrence on random short strings, with and without a limit", () => {
  const naive = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const row = d[i]!;
        const above = d[i - 1]!;
        row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
    }
    return d[a.length]![b.length]!;
  };
  const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "-"), maxLength: 9 });
  fc.assert(
    fc.property(word, word, fc.nat({ max: 4 }), (a, b, limit) => {
      const exact = naive(a, b);
      expect(editDistance(a, b)).toBe(exact);
      // Within the limit, exact; past it, any number past it (limit + 1 when it stopped early).
      const bounded = editDistance(a, b, limit);
      if (exact <= limit) expect(bounded).toBe(exact);
      else expect(bounded).toBeGreaterThan(limit);
    }),
    { numRuns: 2000, seed: 20261204 },
  );
});

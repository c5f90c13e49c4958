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

import { BoundedMemo, ScopedMemo } from "../../src/common/memo.js";

test("a bounded memo keeps values, undefined ones too, and forgets all at its limit", () => {
  const memo = new BoundedMemo<string, number | undefined>(3);
  expect(memo.set("a", 1)).toBe(1);
  memo.set("b", undefined);
  expect(memo.get("a")).toBe(1);
  expect(memo.has("b")).toBe(true);
  expect(memo.has("c")).toBe(false);
  memo.set("c", 3);
  // The fourth entry starts over: memory stays bounded on long runs.
  memo.set("d", 4);
  expect(memo.has("a")).toBe(false);
  expect(memo.get("d")).toBe(4);
});

test("a scoped memo keeps one map per scope and counts every entry against its limit", () => {
  const scopeA = ["github"];
  const scopeB = ["github", "env"];
  const memo = new ScopedMemo<readonly string[], string, string | null>(3);
  memo.set(scopeA, "x", null);
  memo.set(scopeB, "x", "not allowed");
  expect(memo.get(scopeA, "x")).toBeNull();
  expect(memo.get(scopeB, "x")).toBe("not allowed");
  expect(memo.get(scopeA, "y")).toBeUndefined();
  memo.set(scopeA, "y", null);
  memo.set(scopeB, "z", null);
  expect(memo.get(scopeA, "x")).toBeUndefined();
  expect(memo.get(scopeB, "z")).toBeNull();
});

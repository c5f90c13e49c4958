import { globProblems, globRule } from "../../../src/validate/rules/rule-glob.js";
import { lintLines } from "./harness.js";

const JOBS = "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n";

describe("[glob]", () => {
  test.each([
    ["main", "ref"],
    ["releases/**", "ref"],
    ["v[0-9]+.[0-9]+", "ref"],
    ["feature/*-alpha", "ref"],
    ["!release/old", "ref"],
    ["docs/**/*.md", "path"],
    ["**.js", "path"],
    ["dir with space/**", "path"],
    ["weird\\[name\\]", "ref"],
  ] as const)("%s is a valid %s pattern", (pattern, kind) => {
    expect(globProblems(pattern, kind)).toEqual([]);
  });

  test.each([
    ["[abc", "ref", "never closed"],
    ["[]x", "ref", "empty character class"],
    ["[9-0]", "ref", "goes backwards"],
    ["[a-Z]", "ref", "goes backwards"],
    ["[0-z]", "path", "must stay within"],
    ["a b", "ref", "whitespace"],
    ["a..b", "ref", '".."'],
    ["a:b", "ref", '":"'],
    ["a^", "ref", '"^"'],
    ["x.lock", "ref", ".lock"],
    ["refs/tags/v1", "ref", "short names"],
    ["./src/**", "path", "leading"],
    ["${{ github.ref }}", "ref", "not evaluated"],
    ["x\\", "path", "trailing"],
    ["feature\\branch", "ref", "only escapes"],
  ] as const)("%s is reported (%s)", (pattern, kind, fragment) => {
    expect(globProblems(pattern, kind).join("; ")).toContain(fragment);
  });

  test("one finding per pattern, positioned on the pattern", () => {
    const src = `on:\n  push:\n    tags: ["/v.*/"]\n${JOBS}`;
    const lines = lintLines(globRule, src);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^3:12: invalid pattern "\/v\.\*\/" in "tags"/);
  });

  test("negation order: a leading ! with positives after it, and all-negated lists", () => {
    const src = `on:\n  push:\n    branches: ["!main", "**"]\n  pull_request:\n    branches: ["!a", "!b"]\n  pull_request_target:\n    paths-ignore: ["docs/**", "!docs/keep.md"]\n${JOBS}`;
    expect(lintLines(globRule, src)).toEqual([
      '3:16: "!main" comes before any pattern it could exclude, so it has no effect [glob] (warning)',
      '5:16: every pattern in "branches" starts with "!", so nothing matches [glob]',
    ]);
  });
});

import { jobNeedsRule } from "../../../src/validate/rules/rule-job-needs.js";
import { lint, lintLines } from "./harness.js";

function job(id: string, needs?: string): string {
  return `  ${id}:\n${needs ? `    needs: ${needs}\n` : ""}    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;
}

describe("[job-needs]", () => {
  test("a valid graph, with case-insensitive references, has no findings", () => {
    const src = `on: push\njobs:\n${job("build")}${job("test", "Build")}${job("deploy", "[build, test]")}`;
    expect(lintLines(jobNeedsRule, src)).toEqual([]);
  });

  test("unknown job gets a did-you-mean hint", () => {
    const src = `on: push\njobs:\n${job("build")}${job("test", "biuld")}`;
    const [finding] = lint(jobNeedsRule, src);
    expect(finding?.message).toBe('job "test" needs unknown job "biuld"');
    expect(finding?.hint).toBe('did you mean "build"?');
    expect([finding?.line, finding?.column]).toEqual([8, 12]);
  });

  test("self dependency and duplicates", () => {
    const src = `on: push\njobs:\n${job("build")}${job("test", "[test, build, BUILD]")}`;
    expect(lintLines(jobNeedsRule, src)).toEqual([
      '8:13: job "test" cannot need itself [job-needs]',
      '8:26: job "test" lists "BUILD" in "needs" more than once (job ids are case-insensitive) [job-needs]',
    ]);
  });

  test("every job of a cycle is reported on its needs line, jobs outside it are not", () => {
    const src = `on: push\njobs:\n${job("a", "b")}${job("b", "a")}${job("c", "a")}`;
    expect(lintLines(jobNeedsRule, src)).toEqual([
      '4:12: job "a" needs "b", which is part of a dependency cycle between jobs "a", "b" [job-needs]',
      '9:12: job "b" needs "a", which is part of a dependency cycle between jobs "a", "b" [job-needs]',
    ]);
  });
});

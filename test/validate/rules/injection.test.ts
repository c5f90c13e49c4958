import { accessPaths, parseCached } from "../../../src/validate/expr/parse.js";
import { untrustedReach } from "../../../src/validate/expr/untrusted.js";
import { injectionRule } from "../../../src/validate/rules/rule-injection.js";
import { lint } from "./expr-harness.js";

function reach(expression: string): string[][] {
  const parsed = parseCached(expression);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return accessPaths(parsed.expr).map((p) => untrustedReach(p).paths);
}

describe("untrusted paths", () => {
  test("object filters, indexes and bracket strings reach the same paths", () => {
    expect(reach("github.event.commits[0].message")).toEqual([["github.event.commits.*.message"]]);
    expect(reach("github['event']['issue']['title']")).toEqual([["github.event.issue.title"]]);
    expect(reach("github.event.*.body")).toEqual([
      [
        "github.event.issue.body",
        "github.event.pull_request.body",
        "github.event.discussion.body",
        "github.event.comment.body",
        "github.event.review.body",
        "github.event.review_comment.body",
      ],
    ]);
  });

  test("booleans cannot carry text: contains(), comparisons and ! are safe", () => {
    expect(reach("contains(github.event.issue.title, 'x')")).toEqual([[]]);
    expect(reach("github.head_ref == 'main'")).toEqual([[]]);
    expect(reach("!github.head_ref")).toEqual([[]]);
    expect(reach("github.head_ref || 'main'")).toEqual([["github.head_ref"]]);
  });

  test("a whole object is untrusted only when serialised", () => {
    expect(reach("toJSON(github.event.pull_request)").flat()).toContain("github.event.pull_request.title");
    expect(reach("github.event.pull_request.number")).toEqual([[]]);
    expect(reach("github.event.issue")).toEqual([[]]);
  });
});

describe("[injection]", () => {
  test("run: in composite actions is checked too, env: is the fix", () => {
    const action = [
      "name: x",
      "description: y",
      "runs:",
      "  using: composite",
      "  steps:",
      '    - run: echo "${{ github.event.issue.title }}"',
      "      shell: bash",
      '    - run: echo "$T"',
      "      shell: bash",
      "      env:",
      "        T: ${{ github.event.issue.title }}",
      "",
    ].join("\n");
    expect(lint(action, [injectionRule], { file: "action.yml" })).toEqual([
      '6:22: "github.event.issue.title" is potentially untrusted; using it in "run:" allows script injection [injection]',
    ]);
  });

  test("other actions' inputs are not scripts", () => {
    const text = [
      "on: issues",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: some/action@0123456789012345678901234567890123456789",
      "        with:",
      "          script: ${{ github.event.issue.title }}",
      "",
    ].join("\n");
    expect(lint(text, [injectionRule])).toEqual([]);
  });
});

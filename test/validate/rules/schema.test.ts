import { readFileSync } from "node:fs";
import { schemaRule } from "../../../src/validate/rules/rule-schema.js";
import { lint } from "./harness.js";

describe("[schema]", () => {
  test("a single activity type: unknown where one is allowed, a warning where the schema wants a list", () => {
    const source = readFileSync("test/validate/err/schema-activity-type-single.yml", "utf8");
    const findings = lint(schemaRule, source).map((f) => [f.line, f.severity, f.message]);
    expect(findings).toEqual([
      [3, "error", 'unknown activity type "bogus" for the "pull_request" event'],
      // microsoft/TypeScript publishes its nightly from `repository_dispatch: types: publish-nightly`.
      [5, "warning", '"types" of the "repository_dispatch" event should be a list, e.g. [deploy]'],
    ]);
  });
});

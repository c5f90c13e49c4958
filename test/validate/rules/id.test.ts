import { idRule } from "../../../src/validate/rules/rule-id.js";
import { lintLines } from "./harness.js";

describe("[id]", () => {
  test("valid ids, expressions in ids and the same id in two jobs are fine", () => {
    const src = `on: push\njobs:\n  _build-1:\n    runs-on: ubuntu-latest\n    steps:\n      - id: a_b-c\n        run: echo\n  other:\n    runs-on: ubuntu-latest\n    steps:\n      - id: a_b-c\n        run: echo\n`;
    expect(lintLines(idRule, src)).toEqual([]);
  });

  test("composite action steps are checked too", () => {
    const src = `name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - id: one\n      run: echo\n      shell: bash\n    - id: One\n      run: echo\n      shell: bash\n`;
    expect(lintLines(idRule, src, { file: "dir/action.yml" })).toEqual([
      '9:11: step id "One" is already used at line 6 as "one" (step ids are case-insensitive) [id]',
    ]);
  });
});

import { eventsRule } from "../../../src/validate/rules/rule-events.js";
import { lintLines } from "./harness.js";

const JOBS = "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n";

describe("[events]", () => {
  test("include and ignore filters of one kind together", () => {
    const src = `on:\n  push:\n    branches: [main]\n    branches-ignore: [wip]\n    paths: [src/**]\n${JOBS}`;
    expect(lintLines(eventsRule, src)).toEqual([
      '4:5: "branches" and "branches-ignore" cannot both be set for the "push" event [events]',
    ]);
  });

  test("workflow_run needs workflows in every form of on:", () => {
    expect(lintLines(eventsRule, `on: workflow_run\n${JOBS}`)).toEqual([
      '1:5: "workflow_run" event needs "workflows" naming the workflows that trigger it [events]',
    ]);
    expect(lintLines(eventsRule, `on: [push, workflow_run]\n${JOBS}`)).toHaveLength(1);
    expect(lintLines(eventsRule, `on:\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\n${JOBS}`)).toEqual(
      [],
    );
  });

  test("the same filter on different events is fine", () => {
    const src = `on:\n  push:\n    branches: [main]\n  pull_request:\n    branches-ignore: [wip]\n${JOBS}`;
    expect(lintLines(eventsRule, src)).toEqual([]);
  });
});

import { parseWorkflow, NoOperationTraceWriter } from "@actions/workflow-parser";
import { worstStatus } from "../../src/common/result.js";

test("worstStatus picks the most severe", () => {
  expect(worstStatus(["ok", "warn", "unknown"])).toBe("warn");
});

test("workflow parser loads under jest", () => {
  const r = parseWorkflow(
    { name: "a.yml", content: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n" },
    new NoOperationTraceWriter(),
  );
  expect(r.context.errors.getErrors()).toEqual([]);
});

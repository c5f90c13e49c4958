import { dispatchInputsRule } from "../../../src/validate/rules/rule-dispatch-inputs.js";
import { lintLines } from "./harness.js";

function wf(event: string, inputs: string): string {
  return `on:\n  ${event}:\n    inputs:\n${inputs}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;
}

describe("[dispatch-inputs]", () => {
  test("well-defined inputs are clean, including required dispatch inputs with defaults", () => {
    const inputs =
      "      level:\n        type: choice\n        options: [info, debug]\n        default: debug\n" +
      "      flag:\n        type: boolean\n        default: true\n" +
      "      quoted:\n        type: boolean\n        default: 'false'\n" +
      "      n:\n        type: number\n        default: 1.5\n" +
      "      name:\n        required: true\n        default: world\n";
    expect(lintLines(dispatchInputsRule, wf("workflow_dispatch", inputs))).toEqual([]);
  });

  test("choice without options, default outside options, duplicates", () => {
    const inputs =
      "      a:\n        type: choice\n" +
      "      b:\n        type: choice\n        options: [x, y, x]\n        default: z\n";
    expect(lintLines(dispatchInputsRule, wf("workflow_dispatch", inputs))).toEqual([
      '5:15: choice input "a" needs a non-empty "options" list [dispatch-inputs]',
      '8:25: option "x" of input "b" is listed more than once [dispatch-inputs]',
      '9:18: default "z" of choice input "b" is not one of its options [dispatch-inputs]',
    ]);
  });

  test("required workflow_call input with a default is a warning", () => {
    const inputs = "      a:\n        type: string\n        required: true\n        default: x\n";
    expect(lintLines(dispatchInputsRule, wf("workflow_call", inputs))).toEqual([
      '7:18: input "a" is required, so its default is never used [dispatch-inputs] (warning)',
    ]);
  });
});

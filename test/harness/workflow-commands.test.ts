import { annotationsOf, parseWorkflowCommands } from "./workflow-commands.js";

test("annotations with properties and escaped data, as @actions/core writes them", () => {
  const stdout = [
    "plain log line",
    "::error file=src/a%2Cb.ts,line=3,endLine=4,col=5,endColumn=9,title=Bad%3A thing::first%0Asecond 100%25",
    "::warning::just a message",
    "::notice column=2::colon::inside",
    "::debug::not an annotation",
    "  ::error::indented lines are not commands",
    "",
  ].join("\n");
  expect(annotationsOf(parseWorkflowCommands(stdout))).toEqual([
    {
      level: "error",
      message: "first\nsecond 100%",
      file: "src/a,b.ts",
      line: 3,
      endLine: 4,
      col: 5,
      endColumn: 9,
      title: "Bad: thing",
    },
    { level: "warning", message: "just a message" },
    { level: "notice", message: "colon::inside", col: 2 },
  ]);
});

test("commands between ::stop-commands::TOKEN and ::TOKEN:: are not commands", () => {
  const stdout = [
    "::stop-commands::pause-1",
    "::error::printed, not an annotation",
    "::pause-1::",
    "::error::real",
  ].join("\n");
  const commands = parseWorkflowCommands(stdout);
  expect(commands).toEqual([{ command: "error", properties: {}, message: "real" }]);
});

test("other commands are kept with their properties", () => {
  expect(parseWorkflowCommands("::add-mask::s3cr3t\n::group::Title\n::endgroup::\n")).toEqual([
    { command: "add-mask", properties: {}, message: "s3cr3t" },
    { command: "group", properties: {}, message: "Title" },
    { command: "endgroup", properties: {}, message: "" },
  ]);
});

import { parseKeyValueFile, parsePathFile } from "./file-commands.js";

test("name=value lines and name<<DELIMITER blocks, as the runner reads GITHUB_OUTPUT", () => {
  const text = [
    "plain=a=b",
    "",
    "multi<<ghadelimiter_1",
    "line one",
    "",
    "line=three<<not-a-heredoc",
    "ghadelimiter_1",
    "empty=",
    "crlf<<EOF\r",
    "x\r",
    "EOF\r",
    "",
  ].join("\n");
  expect(parseKeyValueFile(text)).toEqual({
    plain: "a=b",
    multi: "line one\n\nline=three<<not-a-heredoc",
    empty: "",
    crlf: "x",
  });
});

test("a later value of the same name wins", () => {
  expect(parseKeyValueFile("a=1\na=2\n")).toEqual({ a: "2" });
});

test("an unclosed heredoc or a line without = is an error naming the file", () => {
  expect(() => parseKeyValueFile("v<<END\nno end\n", "GITHUB_OUTPUT")).toThrow(
    "GITHUB_OUTPUT: value of 'v' is not closed by its delimiter 'END'",
  );
  expect(() => parseKeyValueFile("ok=1\njust text\n", "GITHUB_ENV")).toThrow("GITHUB_ENV:2: invalid line 'just text'");
});

test("GITHUB_PATH holds one directory a line", () => {
  expect(parsePathFile("/a/bin\n\n/b/bin\r\n")).toEqual(["/a/bin", "/b/bin"]);
});

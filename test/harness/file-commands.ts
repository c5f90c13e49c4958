/**
 * Parses the files the runner hands a step (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV) the way the runner reads them:
 * `name=value` lines and `name<<DELIMITER` blocks closed by a line holding only the delimiter.
 */
export function parseKeyValueFile(text: string, file = "file command"): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split("\n").map((line) => line.replace(/\r$/, ""));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const equals = line.indexOf("=");
    const heredoc = line.indexOf("<<");
    if (heredoc >= 0 && (equals < 0 || heredoc < equals)) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (name === "" || delimiter === "") throw new Error(`${file}:${i + 1}: invalid heredoc line '${line}'`);
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true;
          break;
        }
        body.push(lines[i]);
      }
      if (!closed) throw new Error(`${file}: value of '${name}' is not closed by its delimiter '${delimiter}'`);
      values[name] = body.join("\n");
    } else if (equals > 0) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
    } else {
      throw new Error(`${file}:${i + 1}: invalid line '${line}' (expected name=value or name<<DELIMITER)`);
    }
  }
  return values;
}

/** GITHUB_PATH: one directory a line, in the order written. */
export function parsePathFile(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/\r$/, "").trim())
    .filter((line) => line !== "");
}

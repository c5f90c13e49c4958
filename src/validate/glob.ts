/** Glob patterns (`*`, `**`, `?`, `{a,b}`, `[abc]`) as regular expressions over `/`-separated paths. */

function escape(ch: string): string {
  return /[.+^$()|\\/]/.test(ch) ? `\\${ch}` : ch;
}

export function globToRegExp(glob: string): RegExp {
  let re = "";
  let braces = 0;
  const pattern = glob.replace(/\\/g, "/").replace(/^\.\//, "");
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? "";
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        const atSegmentStart = i === 0 || pattern[i - 1] === "/";
        const atSegmentEnd = pattern[i + 2] === "/" || i + 2 === pattern.length;
        i++;
        if (atSegmentStart && pattern[i + 1] === "/") {
          i++;
          re += "(?:[^/]*/)*";
        } else if (atSegmentStart && atSegmentEnd) {
          re += ".*";
        } else {
          re += "[^/]*";
        }
      } else {
        re += "[^/]*";
      }
    } else if (ch === "?") {
      re += "[^/]";
    } else if (ch === "{") {
      braces++;
      re += "(?:";
    } else if (ch === "}" && braces > 0) {
      braces--;
      re += ")";
    } else if (ch === "," && braces > 0) {
      re += "|";
    } else if (ch === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close === -1) {
        re += "\\[";
      } else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = close;
      }
    } else {
      re += escape(ch);
    }
  }
  while (braces-- > 0) re += ")";
  return new RegExp(`^${re}$`);
}

/** True when the glob has any wildcard (otherwise it names one path). */
export function isGlob(pattern: string): boolean {
  return /[*?{[]/.test(pattern);
}

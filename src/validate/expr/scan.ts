/** Finds `${{ ... }}` spans in a string the way GitHub's template reader does. */

export interface ExpressionSpan {
  /** Offset of `${{`. */
  start: number;
  /** Offset just past `}}` (or the text's end when unclosed). */
  end: number;
  /** Offset of the first character after `${{`. */
  innerStart: number;
  /** The text between `${{` and `}}`. */
  inner: string;
  closed: boolean;
}

/** Single quotes toggle a string literal, so `}}` inside `'...'` does not close the expression. */
export function scanExpressions(text: string): ExpressionSpan[] {
  const spans: ExpressionSpan[] = [];
  let from = text.indexOf("${{");
  while (from !== -1) {
    const innerStart = from + 3;
    let inString = false;
    let close = -1;
    for (let i = innerStart; i < text.length; i++) {
      const c = text[i];
      if (c === "'") inString = !inString;
      else if (!inString && c === "}" && text[i + 1] === "}") {
        close = i;
        break;
      }
    }
    if (close === -1) {
      spans.push({ start: from, end: text.length, innerStart, inner: text.slice(innerStart), closed: false });
      break;
    }
    spans.push({ start: from, end: close + 2, innerStart, inner: text.slice(innerStart, close), closed: true });
    from = text.indexOf("${{", close + 2);
  }
  return spans;
}

/** Replaces each `${{ ... }}` with a same-length run of underscores, keeping line breaks in place. */
export function blankExpressions(text: string): string {
  const spans = scanExpressions(text);
  if (spans.length === 0) return text;
  let out = "";
  let last = 0;
  for (const span of spans) {
    if (!span.closed) break;
    out += text.slice(last, span.start);
    out += text.slice(span.start, span.end).replace(/[^\n]/g, "_");
    last = span.end;
  }
  return out + text.slice(last);
}

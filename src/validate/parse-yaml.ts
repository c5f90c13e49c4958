/**
 * The careful YAML front end: `yaml` builds a document, which is flattened into the template
 * reader's events. parse.ts uses it when js-yaml's faster event parser refuses a file (js-yaml is
 * stricter than GitHub in a few places, e.g. a flow sequence closed at its key's column) or the file
 * is not a plain single-document mapping, so every verdict and message on such files is `yaml`'s,
 * the parser GitHub's own workflow parser is built on.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
  type Pair,
  type YAMLError,
} from "yaml";
import {
  BooleanToken,
  LiteralToken,
  MappingToken,
  NullToken,
  NumberToken,
  SequenceToken,
  StringToken,
} from "@actions/workflow-parser/templates/tokens/index";
import type { TokenRange } from "@actions/workflow-parser/templates/tokens/token-range";
import { lineIndexFor, type LineIndex } from "./expr/source-text.js";
import type { DocumentKind } from "./rule.js";
import {
  duplicateKey,
  FILE_ID,
  KeySetsByDepth,
  MAPPING_END,
  MAX_ALIAS_EXPANSION,
  MAX_DEPTH,
  NON_STRING_KEY,
  RefusedDocument,
  SEQUENCE_END,
  type ParseEvent,
  type ParseProblem,
} from "./parse-events.js";

/** Turns a yaml Document into the flat event list GitHub's template reader consumes. */
class EventFlattener {
  readonly events: ParseEvent[] = [];
  readonly problems: ParseProblem[] = [];
  private aliasExpanded = 0;
  /** The outermost alias being expanded, where a refusal is reported. */
  private aliasUse: TokenRange | undefined;
  private readonly expanding = new Set<Node>();
  private readonly seenByDepth = new KeySetsByDepth();

  constructor(
    private readonly doc: Document,
    private readonly index: LineIndex,
  ) {}

  private range(node: { range?: [number, number, number] | null } | null | undefined): TokenRange | undefined {
    const r = node?.range;
    if (!r) return undefined;
    return { start: this.index.positionOf(r[0]), end: this.index.positionOf(r[1]) };
  }

  add(node: unknown, depth: number, viaAlias: boolean): void {
    if (depth > MAX_DEPTH) {
      const at = this.range(node as Node)?.start ?? { line: 1, column: 1 };
      throw new RefusedDocument(`document is nested more than ${MAX_DEPTH} levels deep`, at.line, at.column);
    }
    if (viaAlias && ++this.aliasExpanded > MAX_ALIAS_EXPANSION) {
      const at = this.aliasUse?.start ?? { line: 1, column: 1 };
      throw new RefusedDocument(
        `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes; refusing to expand (billion laughs?)`,
        at.line,
        at.column,
        "write the values out instead of nesting anchors and aliases",
      );
    }
    if (isMap(node)) {
      const token = new MappingToken(FILE_ID, this.range(node), undefined);
      this.events.push(token);
      const seen = this.seenByDepth.at(depth);
      for (const pair of node.items) this.addPair(pair, seen, depth, viaAlias);
      this.events.push(MAPPING_END);
    } else if (isSeq(node)) {
      this.events.push(new SequenceToken(FILE_ID, this.range(node), undefined));
      for (const item of node.items) this.add(item, depth + 1, viaAlias);
      this.events.push(SEQUENCE_END);
    } else if (isScalar(node)) {
      this.events.push(this.literal(node));
    } else if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        const at = this.range(node)?.start ?? { line: 1, column: 1 };
        throw new RefusedDocument(`unknown YAML alias "*${node.source}"`, at.line, at.column);
      }
      if (this.expanding.has(target)) {
        const at = this.range(node)?.start ?? { line: 1, column: 1 };
        throw new RefusedDocument(`YAML alias "*${node.source}" refers to itself`, at.line, at.column);
      }
      this.expanding.add(target);
      if (!viaAlias) this.aliasUse = this.range(node);
      this.add(target, depth + 1, true);
      this.expanding.delete(target);
    } else {
      // An empty value (`key:`) has no node at all.
      this.events.push(new NullToken(FILE_ID, undefined, undefined));
    }
  }

  private addPair(pair: Pair, seen: Set<string>, depth: number, viaAlias: boolean): void {
    const key = pair.key;
    if (!isScalar(key)) {
      const at = this.range(key as Node)?.start ?? this.range(pair.value as Node)?.start ?? { line: 1, column: 1 };
      this.problems.push({ ...at, message: NON_STRING_KEY });
      return;
    }
    const name = key.value === null || key.value === undefined ? "" : String(key.value);
    const range = this.range(key);
    if (seen.has(name) && !viaAlias && range) {
      this.problems.push(duplicateKey(name, range.start.line, range.start.column));
    }
    seen.add(name);
    this.events.push(new StringToken(FILE_ID, range, name, undefined));
    this.add(pair.value, depth + 1, viaAlias);
  }

  private literal(node: import("yaml").Scalar): LiteralToken {
    const range = this.range(node);
    const value = node.value;
    if (value === null || value === undefined) return new NullToken(FILE_ID, range, undefined);
    if (typeof value === "number") return new NumberToken(FILE_ID, range, value, undefined);
    if (typeof value === "boolean") return new BooleanToken(FILE_ID, range, value, undefined);
    if (typeof value === "string") {
      const src = node.srcToken;
      let source: string | undefined;
      let header: string | undefined;
      if (src && "source" in src) {
        source = src.source;
        if (src.type === "block-scalar") {
          const props: { type: string; source?: string }[] = src.props;
          header = props.find((p) => p.type === "block-scalar-header")?.source;
        }
      }
      return new StringToken(FILE_ID, range, value, undefined, source, header);
    }
    // bigint and other custom tags: keep the text so rules still see a string.
    return new StringToken(FILE_ID, range, String(value), undefined);
  }
}

/** First line of a yaml error message without the trailing " at line L, column C:". */
function yamlMessage(message: string): string {
  const first = (message.split("\n", 1)[0] ?? message).replace(/ at line \d+, column \d+:?$/, "").trim();
  return first.charAt(0).toLowerCase() + first.slice(1);
}

const INDENTATION_CODES = new Set<string>(["BAD_INDENT", "UNEXPECTED_TOKEN", "MISSING_CHAR", "TAB_AS_INDENT"]);

function yamlProblem(err: YAMLError, source: string, index: LineIndex): ParseProblem {
  const offset = Math.min(err.pos[0], source.length);
  const { line, column: col } = index.positionOf(offset);
  // yaml points indentation errors at the line start; the caret belongs on the first character.
  const indent = /^ */.exec(source.slice(offset, offset + 201))?.[0].length ?? 0;
  const rest = source.charAt(offset + indent);
  const column = rest !== "" && rest !== "\n" && rest !== "\r" ? col + indent : col;
  const quote = /^Missing closing (["'])quote/.exec(err.message)?.[1];
  if (quote) {
    const opening = openingQuote(source, line, quote);
    if (opening) return { ...opening, message: `quoted string is never closed (missing ${quote})` };
  }
  if (err.message.includes("Maximum call stack size exceeded")) {
    return { line, column, message: "document is nested too deeply to parse" };
  }
  if (err.code === "MULTIPLE_DOCS") {
    return {
      line,
      column,
      message: "file holds more than one YAML document (a second `---`)",
      hint: "GitHub reads one document per workflow file; move the rest into its own file",
    };
  }
  const problem: ParseProblem = { line, column, message: yamlMessage(err.message) };
  if (INDENTATION_CODES.has(err.code)) problem.hint = "check the indentation of this line and of the lines above it";
  return problem;
}

/** Column (1-based) of the last unescaped `quote` on a line that leaves a string open, if any. */
function unmatchedQuote(text: string, quote: string): number | undefined {
  let open: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (open === undefined) {
      if (ch === quote) open = i;
      else if (ch === "#" && (i === 0 || text[i - 1] === " ")) break;
    } else if (quote === '"' && ch === "\\") {
      i++;
    } else if (ch === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else open = undefined;
    }
  }
  return open === undefined ? undefined : open + 1;
}

/** Where an unterminated string opens: the nearest line at or above `line` that leaves one open. */
function openingQuote(source: string, line: number, quote: string): { line: number; column: number } | undefined {
  const lines = source.split("\n");
  for (let n = Math.min(line, lines.length); n >= Math.max(1, line - 50); n--) {
    const column = unmatchedQuote(lines[n - 1] ?? "", quote);
    if (column !== undefined) return { line: n, column };
  }
  return undefined;
}

/** Stands in for process.env while yaml parses: it reads LOG_TOKENS once per token, a slow native lookup each. */
const PARSE_ENV: NodeJS.ProcessEnv = Object.freeze({});

function parseYaml(source: string): Document {
  const env = process.env;
  process.env = PARSE_ENV;
  try {
    return parseDocument(source, { keepSourceTokens: true, uniqueKeys: false });
  } finally {
    process.env = env;
  }
}

/** The events of a readable document, or the one problem that stops it from being read. */
export type YamlRead = { events: ParseEvent[]; problems: ParseProblem[] } | { refusal: ParseProblem };

/** Reads `source` (BOM removed, no NUL bytes) with `yaml`. */
export function readWithYaml(source: string, kind: DocumentKind): YamlRead {
  const index = lineIndexFor(source);
  const doc = parseYaml(source);
  if (doc.errors.length > 0) {
    // Only the first error: the rest are usually the parser losing its footing after it.
    const first = doc.errors.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
    return { refusal: yamlProblem(first, source, index) };
  }
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    return {
      refusal: {
        line: 1,
        column: 1,
        message: source.trim() === "" ? "file is empty" : "file has no YAML content, only comments",
        hint:
          kind === "workflow"
            ? "a workflow needs `on:` and `jobs:`"
            : "an action needs `name`, `description` and `runs`",
      },
    };
  }
  if (!isMap(contents)) {
    const start = contents.range ? index.positionOf(contents.range[0]) : { line: 1, column: 1 };
    const what = isSeq(contents) ? "a list" : isAlias(contents) ? "an alias" : "a scalar value";
    return {
      refusal: {
        line: start.line,
        column: start.column,
        message: `${kind === "workflow" ? "a workflow" : "action metadata"} must be a mapping, but the document is ${what}`,
      },
    };
  }
  const flattener = new EventFlattener(doc, index);
  try {
    flattener.add(contents, 0, false);
  } catch (error) {
    if (!(error instanceof RefusedDocument)) throw error;
    return { refusal: { line: error.line, column: error.column, message: error.message, hint: error.hint } };
  }
  return { events: flattener.events, problems: flattener.problems };
}

/**
 * Parses a workflow or action.yml once: js-yaml's event parser reads the text into a flat list of
 * events with source offsets, those become the events GitHub's template reader
 * (@actions/workflow-parser) consumes with the workflow or action schema, and every problem found
 * on the way comes back with a 1-based position.
 *
 * js-yaml's event stream is used rather than `yaml`'s document: it resolves the same YAML 1.2 core
 * schema, passes the YAML test suite, and builds no node tree, which made parsing about half as
 * costly on the real-world corpus (see bench/validate). It is the fast path only: a file it refuses,
 * or that is not a plain single-document mapping, is read again by `yaml` (parse-yaml.ts), so the
 * verdicts and messages on such files are those of the parser GitHub's own workflow parser uses.
 */
import {
  boolCoreTag,
  floatCoreTag,
  getScalarValue,
  intCoreTag,
  nullCoreTag,
  parseEvents,
  YAMLException,
  type Event,
  type ScalarEvent,
} from "js-yaml";
import { getWorkflowSchema } from "@actions/workflow-parser/workflows/workflow-schema";
import { getActionSchema } from "@actions/workflow-parser/actions/action-schema";
import {
  BooleanToken,
  type LiteralToken,
  MappingToken,
  NullToken,
  NumberToken,
  SequenceToken,
  StringToken,
  type TemplateToken,
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
  SEQUENCE_END,
  type ParseEvent,
  type ParseProblem,
} from "./parse-events.js";
import { readWithYaml } from "./parse-yaml.js";
import { readTemplateEvents } from "./template-reader.js";

export { MAX_ALIAS_EXPANSION, MAX_DEPTH, type ParseProblem };

/** An error of GitHub's schema as the template reader reports it (reported by the schema rule). */
export interface SchemaError {
  message: string;
  range: TokenRange | undefined;
}

/** A key or index on the way from the root to a node. */
export type PathSegment = string | number;

export interface ParsedDocument {
  kind: DocumentKind;
  /** The root mapping; undefined when the YAML could not be read or is not a mapping. */
  root: MappingToken | undefined;
  syntax: ParseProblem[];
  schema: SchemaError[];
  /** Where the node starting at a position sits (collections win over their first key). */
  pathAt(line: number, column: number, prefer?: "collection" | "scalar"): NodeLocation | undefined;
  /** 1-based position of a string offset. */
  positionOf(offset: number): { line: number; column: number };
}

/** Where a node sits: its path, whether it is a key, and where the key that holds it starts. */
export interface NodeLocation {
  path: PathSegment[];
  isKey: boolean;
  /** Offset of the mapping key owning the node (or the node itself when it is a key). */
  keyOffset?: number;
}

const WORKFLOW_ROOT = "workflow-root-strict";
const ACTION_ROOT = "action-root-strict";

// js-yaml's event ids (EVENT_ID) and scalar styles (SCALAR_STYLE), inlined for the hot loop.
const EV_DOCUMENT = 1;
const EV_SEQUENCE = 2;
const EV_MAPPING = 3;
const EV_SCALAR = 4;
const EV_ALIAS = 5;
const EV_POP = 6;
const STYLE_PLAIN = 1;
const STYLE_SINGLE = 2;
const STYLE_DOUBLE = 3;
const STYLE_LITERAL = 4;
const CHOMP_KEEP = 3;

/** The fast path gives up on this file; the `yaml` front end reads it instead. */
class Fallback extends Error {}

type Resolved = string | number | boolean | null;

/** Characters a plain scalar of the core schema's null, bool, int or float types can start with. */
const TYPED_FIRST = new Set("0123456789+-.~nNtTfF");
const CORE_TAGS = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag] as const;

/** The core schema's reading of a plain scalar (YAML 1.2: `on`/`yes` stay strings, `3.10` is 3.1). */
function resolvePlain(text: string): Resolved {
  if (text === "") return null;
  if (!TYPED_FIRST.has(text.charAt(0))) return text;
  for (const tag of CORE_TAGS) {
    // NOT_RESOLVED is a symbol.
    const value = tag.resolve(text, false, tag.tagName) as unknown;
    if (typeof value !== "symbol") return value as Resolved;
  }
  return text;
}

/** Explicitly tagged scalars: the core tags resolve their text, `!!str` and unknown tags keep it. */
function resolveTagged(tag: string, text: string): Resolved {
  const name = tag.startsWith("!!") ? `tag:yaml.org,2002:${tag.slice(2)}` : tag;
  for (const core of CORE_TAGS) {
    if (core.tagName !== name) continue;
    const value = core.resolve(text, true, name) as unknown;
    return typeof value === "symbol" || value === undefined ? text : (value as Resolved);
  }
  return text;
}

const PLAIN_ANCHOR = /^[\w.-]+$/;

interface Anchor {
  /** Index of the anchored node's first event. */
  from: number;
  /** Index after its last event; -1 while the node is still being read. */
  to: number;
}

/** Turns js-yaml's events into the flat event list GitHub's template reader consumes. */
class EventFlattener {
  readonly events: ParseEvent[] = [];
  readonly problems: ParseProblem[] = [];
  private aliasExpanded = 0;
  private readonly anchors = new Map<string, Anchor>();
  private readonly seenByDepth = new KeySetsByDepth();
  /** The furthest source offset read so far (collection ends, block scalar headers). */
  private reach = 0;

  constructor(
    private readonly source: string,
    private readonly input: readonly Event[],
    private readonly index: LineIndex,
  ) {}

  /** Refusals (depth, alias bombs, unknown aliases) are worded and placed by the `yaml` front end. */
  private refuse(): never {
    throw new Fallback();
  }

  /** Reads the node whose first event is at `i`; returns the index after it. */
  node(i: number, depth: number, viaAlias: boolean): number {
    const e = this.input[i];
    if (e === undefined) return i;
    if (depth > MAX_DEPTH) this.refuse();
    if (viaAlias && ++this.aliasExpanded > MAX_ALIAS_EXPANSION) this.refuse();
    if (e.type === EV_ALIAS) {
      const name = this.source.slice(e.anchorStart, e.anchorEnd);
      const anchor = this.anchors.get(name);
      if (!anchor || anchor.to === -1) this.refuse();
      this.reach = Math.max(this.reach, e.anchorEnd);
      const reach = this.reach;
      // The copy is placed where the anchored node stands, as `yaml` places it.
      const first = this.input[anchor.from];
      this.reach = first ? Math.max(0, startOf(first)) : reach;
      this.node(anchor.from, depth + 1, true);
      // The copy's offsets are the anchor's; reading goes on after the alias.
      this.reach = reach;
      return i + 1;
    }
    if (e.type === EV_DOCUMENT || e.type === EV_POP) return i + 1;
    let anchor: Anchor | undefined;
    if (e.anchorStart >= 0 && !viaAlias) {
      const name = this.source.slice(e.anchorStart, e.anchorEnd);
      // Unusual anchor names (`&![a]`) are read differently by the two parsers: `yaml` decides.
      if (!PLAIN_ANCHOR.test(name)) this.refuse();
      anchor = { from: i, to: -1 };
      this.anchors.set(name, anchor);
    }
    let next: number;
    if (e.type === EV_MAPPING) {
      const range = this.openRange(this.collectionStart(e, this.input[i + 1]));
      const token = new MappingToken(FILE_ID, range, undefined);
      this.events.push(token);
      const seen = this.seenByDepth.at(depth);
      next = i + 1;
      while (next < this.input.length && this.input[next]?.type !== EV_POP) {
        next = this.pair(next, seen, depth, viaAlias);
      }
      this.closeRange(range);
      this.events.push(MAPPING_END);
      next += 1;
    } else if (e.type === EV_SEQUENCE) {
      const range = this.openRange(this.collectionStart(e));
      this.events.push(new SequenceToken(FILE_ID, range, undefined));
      next = i + 1;
      while (next < this.input.length && this.input[next]?.type !== EV_POP) {
        const item = this.input[next];
        // An empty item (`-` alone) is placed by `yaml` after its dash; leave such files to it.
        if (item?.type === EV_SCALAR && item.valueStart < 0) this.refuse();
        next = this.node(next, depth + 1, viaAlias);
      }
      this.closeRange(range);
      this.events.push(SEQUENCE_END);
      next += 1;
    } else {
      this.events.push(this.literal(e));
      next = i + 1;
    }
    if (anchor) anchor.to = next;
    return next;
  }

  /** Where a collection starts: like `yaml`, after its anchor and tag, at its first key, item or bracket. */
  private collectionStart(e: { start: number; anchorEnd: number; tagEnd: number }, first?: Event): number {
    // `&a key: v` anchors the key, and the mapping starts where the key's text does.
    if (first?.type === EV_SCALAR && (first.anchorStart - 1 === e.start || first.tagStart === e.start)) {
      return first.style === STYLE_SINGLE || first.style === STYLE_DOUBLE ? first.valueStart - 1 : first.valueStart;
    }
    let at = Math.max(e.start, e.anchorEnd, e.tagEnd);
    if (at === e.start) return at;
    const text = this.source;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 32 || c === 10 || c === 13) at++;
      else if (c === 35) {
        const lineBreak = text.indexOf("\n", at);
        at = lineBreak === -1 ? text.length : lineBreak + 1;
      } else break;
    }
    return at;
  }

  private openRange(start: number): TokenRange {
    this.reach = Math.max(this.reach, start);
    const at = this.index.positionOf(start);
    return { start: at, end: at };
  }

  private closeRange(range: TokenRange): void {
    (range as { end: TokenRange["end"] }).end = this.index.positionOf(this.reach);
  }

  /** Reads a key and its value starting at `i`; returns the index after the value. */
  private pair(i: number, seen: Set<string>, depth: number, viaAlias: boolean): number {
    const key = this.input[i];
    if (key === undefined) return i;
    // An empty key (`: value`) is left to `yaml`, which refuses it where it is not allowed.
    if (key.type === EV_SCALAR && key.valueStart < 0) this.refuse();
    // A collection or alias as a key (`? [a]`) is left to `yaml`, which words and places it.
    if (key.type !== EV_SCALAR) this.refuse();
    const token = this.literal(key, true) as StringToken;
    const name = token.value;
    const range = token.range;
    if (seen.has(name) && !viaAlias && range) {
      this.problems.push(duplicateKey(name, range.start.line, range.start.column));
    }
    seen.add(name);
    this.events.push(token);
    // The value starts after the key's `:` and the spaces after it (an empty value is placed there).
    const colon = this.source.indexOf(":", this.reach);
    if (colon !== -1) {
      let at = colon + 1;
      while (this.source.charCodeAt(at) === 32 || this.source.charCodeAt(at) === 9) at++;
      this.reach = at;
    }
    return this.node(i + 1, depth + 1, viaAlias);
  }

  /** A scalar's token; as a mapping key, always a string token (`1:` is "1", `~:` is ""), without raw source. */
  private literal(e: ScalarEvent, asKey = false): LiteralToken {
    const { valueStart, valueEnd, style } = e;
    if (valueStart < 0) {
      // `key: &a` (an empty node with an anchor) is placed by `yaml` after it; leave that to `yaml`.
      // (Empty keys never come here: pair() leaves them to `yaml` too.)
      if (e.anchorStart >= 0) this.refuse();
      if (e.tagStart >= 0) {
        // `key: !` is an empty string, placed after the tag and the spaces that follow it.
        let at = e.tagEnd;
        while (this.source.charCodeAt(at) === 32 || this.source.charCodeAt(at) === 9) at++;
        const here = this.index.positionOf(at);
        const value = resolveTagged(this.source.slice(e.tagStart, e.tagEnd), "");
        return this.token(value, { start: here, end: here }, undefined, undefined);
      }
      // An empty node (`key:`) has no text; like `yaml`, place it right after what was read before it.
      const here = this.index.positionOf(this.reach);
      return new NullToken(FILE_ID, { start: here, end: here }, undefined);
    }
    const text = e.fast ? this.source.slice(valueStart, valueEnd) : getScalarValue(this.source, e);
    let start = valueStart;
    let end = valueEnd;
    let source: string;
    let header: string | undefined;
    if (style === STYLE_PLAIN) {
      source = this.source.slice(valueStart, valueEnd);
    } else if (style === STYLE_SINGLE || style === STYLE_DOUBLE) {
      start = valueStart - 1;
      end = valueEnd + 1;
      source = this.source.slice(start, end);
    } else {
      const found = this.blockHeader(valueStart, style === STYLE_LITERAL ? "|" : ">");
      start = found.start;
      header = found.header;
      // Trailing blank lines belong to the scalar only when it keeps them (`|+`), as `yaml` counts them.
      if (e.chomping !== CHOMP_KEEP) end = this.afterLastContentLine(valueStart, valueEnd);
      source = this.source.slice(valueStart, end);
    }
    if (end > this.reach) this.reach = end;
    const range = { start: this.index.positionOf(start), end: this.index.positionOf(end) };
    let value: Resolved = text;
    if (e.tagStart >= 0) value = resolveTagged(this.source.slice(e.tagStart, e.tagEnd), text);
    else if (style === STYLE_PLAIN) value = resolvePlain(text);
    if (asKey) return new StringToken(FILE_ID, range, value === null ? "" : String(value), undefined);
    return this.token(value, range, source, header);
  }

  private token(
    value: Resolved,
    range: TokenRange,
    source: string | undefined,
    header: string | undefined,
  ): LiteralToken {
    if (value === null) return new NullToken(FILE_ID, range, undefined);
    if (typeof value === "number") return new NumberToken(FILE_ID, range, value, undefined);
    if (typeof value === "boolean") return new BooleanToken(FILE_ID, range, value, undefined);
    return new StringToken(FILE_ID, range, value, undefined, source, header);
  }

  /** The offset after the line break of the last line in [from, to) that holds more than whitespace. */
  private afterLastContentLine(from: number, to: number): number {
    let last = to - 1;
    while (last >= from) {
      const c = this.source.charCodeAt(last);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      last--;
    }
    if (last < from) return to;
    const lineBreak = this.source.indexOf("\n", last);
    return lineBreak === -1 || lineBreak >= to ? to : lineBreak + 1;
  }

  /**
   * The `|` or `>` header of a block scalar whose content starts at `contentStart`: it sits on the
   * line before the content, after whatever was read before it (a key, `- `, an anchor or a tag).
   */
  private blockHeader(contentStart: number, indicator: string): { start: number; header: string } {
    const lineEnd = contentStart - 1;
    const lineStart = this.source.lastIndexOf("\n", lineEnd - 1) + 1;
    const from = Math.max(lineStart, this.reach);
    let at = this.source.indexOf(indicator, from);
    if (at === -1 || at > lineEnd) at = this.source.indexOf(indicator, lineStart);
    if (at === -1 || at > lineEnd) return { start: contentStart, header: indicator };
    let stop = at + 1;
    while (stop < lineEnd && /[-+0-9]/.test(this.source.charAt(stop))) stop++;
    return { start: at, header: this.source.slice(at, stop) };
  }
}

function startOf(e: Event): number {
  switch (e.type) {
    case EV_MAPPING:
    case EV_SEQUENCE:
      return e.start;
    case EV_SCALAR:
      return e.valueStart;
    case EV_ALIAS:
      return e.anchorStart - 1;
    default:
      return 0;
  }
}

interface Frame {
  map: boolean;
  /** The next item's index (sequences). */
  index: number;
  /** Whether the next event of a mapping is a key. */
  expectKey: boolean;
  key: string;
  keyOffset: number | undefined;
  /** Set when this collection starts at the searched position and may be the answer. */
  fallback: NodeLocation | undefined;
}

function samePlace(token: TemplateToken, line: number, column: number): boolean {
  const start = token.range?.start;
  return start !== undefined && start.line === line && start.column === column;
}

/** Finds the node that starts at a position by reading the event list with a path stack. */
function findPath(
  events: readonly ParseEvent[],
  index: LineIndex,
  line: number,
  column: number,
  preferCollection: boolean,
): NodeLocation | undefined {
  const path: PathSegment[] = [];
  const frames: Frame[] = [];
  const done = (): void => {
    const parent = frames[frames.length - 1];
    if (!parent) return;
    path.pop();
    if (parent.map) parent.expectKey = true;
    else parent.index++;
  };
  for (const event of events) {
    if (event === MAPPING_END || event === SEQUENCE_END) {
      const frame = frames.pop();
      if (frame?.fallback) return frame.fallback;
      done();
      continue;
    }
    const parent = frames[frames.length - 1];
    let keyOffset: number | undefined;
    if (parent?.map && parent.expectKey) {
      const name = event instanceof StringToken ? event.value : "?";
      const offset = event.range ? index.offsetOf(event.range.start) : undefined;
      if (samePlace(event, line, column)) return { path: [...path, name], isKey: true, keyOffset: offset };
      parent.expectKey = false;
      parent.key = name;
      parent.keyOffset = offset;
      continue;
    }
    if (parent) {
      path.push(parent.map ? parent.key : parent.index);
      keyOffset = parent.map ? parent.keyOffset : undefined;
    }
    const here = samePlace(event, line, column);
    if (event instanceof MappingToken || event instanceof SequenceToken) {
      const location = { path: [...path], isKey: false, keyOffset };
      if (here && preferCollection) return location;
      frames.push({
        map: event instanceof MappingToken,
        index: 0,
        expectKey: true,
        key: "",
        keyOffset: undefined,
        fallback: here ? location : undefined,
      });
      continue;
    }
    if (here) return { path: [...path], isKey: false, keyOffset };
    if (parent) done();
  }
  return undefined;
}

function refused(kind: DocumentKind, problem: ParseProblem): ParsedDocument {
  return { kind, root: undefined, syntax: [problem], schema: [], pathAt: () => undefined, positionOf: () => problem };
}

/** How many repairs (brackets joined to their line, quoted lines indented) one file may need for the fast path. */
const MAX_REPAIRS = 64;

/**
 * js-yaml refuses a flow sequence closed at its key's column (`matrix: [` ... `]` under the key),
 * which `yaml` and GitHub accept. When that is the refusal, the line break before the bracket is the
 * one to turn into a space (keeping every offset) so js-yaml reads on; -1 for any other refusal, or
 * when the line before ends in a comment the bracket would join. The parity tests hold the result
 * to `yaml`'s reading.
 */
function closingBracketLineBreak(text: string, error: unknown): number {
  if (!(error instanceof YAMLException) || error.reason !== "deficient indentation") return -1;
  const position = error.mark?.position ?? -1;
  const lineStart = text.lastIndexOf("\n", position - 1) + 1;
  if (lineStart === 0) return -1;
  let at = lineStart;
  while (text.charCodeAt(at) === 32) at++;
  // Only `]`: `yaml` refuses a flow mapping's `}` there too.
  if (at !== position || text[at] !== "]") return -1;
  const previousStart = text.lastIndexOf("\n", lineStart - 2) + 1;
  if (text.slice(previousStart, lineStart).includes("#") || text.charCodeAt(lineStart - 2) === 13) return -1;
  return lineStart - 1;
}

/** Spaces put before a line of `text`: `count` of them at offset `at` (a line start). */
interface Padding {
  at: number;
  count: number;
}

/**
 * A quoted string continued on a line indented less than YAML wants (apache/airflow writes
 * `run: "echo \"...$(python -c` and goes on at column 1). js-yaml and `yaml` refuse it; GitHub runs
 * such workflows, and libyaml-based parsers (actionlint's) read them. The leading spaces of a quoted
 * string's continuation line are not part of its value, so the line can take more of them without
 * changing anything but offsets: this is the padding that makes the line indented deeper than the
 * first quote of the line the string starts on. Undefined for any other refusal; readWithJsYaml
 * checks afterwards that every padding landed inside a quoted string.
 */
function quotedContinuationPadding(text: string, error: unknown, padded: readonly Padding[]): Padding | undefined {
  if (!(error instanceof YAMLException) || error.reason !== "deficient indentation") return undefined;
  const position = error.mark?.position ?? -1;
  const lineStart = text.lastIndexOf("\n", position - 1) + 1;
  for (let at = lineStart; at < position; at++) if (text.charCodeAt(at) !== 32) return undefined;
  const indent = position - lineStart;
  // At column 0, `---` and `...` end the document even inside a quoted string: no repair.
  if (indent === 0 && DOCUMENT_MARKER.test(text.slice(position, position + 4))) return undefined;
  // The line the string starts on: the nearest line above indented deeper (lines padded before excepted).
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end);
    const lineIndent = line.length - line.trimStart().length;
    if (line.trim() !== "" && lineIndent > indent && !padded.some((p) => p.at === start)) {
      const quote = line.search(/["']/);
      return quote === -1 ? undefined : { at: lineStart, count: quote + 1 - indent };
    }
    end = start - 1;
  }
  return undefined;
}

const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/;

/** The offset after the line break that ends the line holding `at` (or the text's length). */
function nextLine(text: string, at: number): number {
  const lineBreak = text.indexOf("\n", at);
  return lineBreak === -1 ? text.length : lineBreak + 1;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || Number.isNaN(code);
}

/**
 * Every padding quotedContinuationPadding would ask for, found in one pass over `text`, so a file
 * written that way throughout (apache/airflow's ci.yml has 19 such lines) is read again once rather
 * than once per line. A light scan of block-context YAML: it follows comments, flow brackets, block
 * scalars and quoted strings, and pads each continuation line of a quoted string indented no deeper
 * than the string's opening quote. It only predicts: readWithJsYaml still has js-yaml read the result
 * and checks that every padding landed inside a quoted string.
 */
function predictedPaddings(text: string): Padding[] {
  const pads: Padding[] = [];
  const end = text.length;
  let flow = 0;
  /** While inside a block scalar: the indentation of the line that opened it; else -1. */
  let blockIndent = -1;
  /** While inside a quoted string: its quote character; else 0. */
  let quote = 0;
  let quoteColumn = 0;
  let i = 0;
  while (i < end) {
    const lineStart = i;
    while (text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const blankLine = i >= end || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13;
    if (blockIndent >= 0 && (blankLine || indent > blockIndent)) {
      i = nextLine(text, i);
      continue;
    }
    blockIndent = -1;
    if (quote !== 0) {
      if (!blankLine && indent <= quoteColumn && !(indent === 0 && DOCUMENT_MARKER.test(text.slice(i, i + 4)))) {
        pads.push({ at: lineStart, count: quoteColumn + 1 - indent });
      }
    } else if (blankLine || (indent === 0 && DOCUMENT_MARKER.test(text.slice(i, i + 4)))) {
      i = nextLine(text, i);
      continue;
    }
    let nodeStart = quote === 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 10) break;
      if (quote === 34) {
        // An escape takes the next character, but an escaped line break still ends the line.
        if (c === 92 && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) i++;
        else if (c === 34) quote = 0;
        i++;
        continue;
      }
      if (quote === 39) {
        if (c === 39 && text.charCodeAt(i + 1) === 39) i++;
        else if (c === 39) quote = 0;
        i++;
        continue;
      }
      const next = text.charCodeAt(i + 1);
      if (c === 32 || c === 9 || c === 13) {
        i++;
        continue;
      }
      if (c === 35 && (i === lineStart || isBlank(text.charCodeAt(i - 1)))) {
        i = nextLine(text, i) - 1;
        break;
      }
      if (nodeStart) {
        if (c === 34 || c === 39) {
          quote = c;
          quoteColumn = i - lineStart;
          i++;
          continue;
        }
        if ((c === 124 || c === 62) && flow === 0) {
          blockIndent = indent;
          i = nextLine(text, i) - 1;
          break;
        }
        if ((c === 45 || c === 63) && isBlank(next)) {
          i++;
          continue;
        }
        if (c === 38 || c === 33) {
          while (i < end && !isBlank(text.charCodeAt(i))) i++;
          continue;
        }
        if (c === 91 || c === 123) {
          flow++;
          i++;
          continue;
        }
        nodeStart = false;
      }
      if (c === 58 && (isBlank(next) || (flow > 0 && (next === 44 || next === 93 || next === 125)))) {
        nodeStart = true;
      } else if (flow > 0) {
        if (c === 44) nodeStart = true;
        else if (c === 93 || c === 125) flow--;
      }
      i++;
    }
    i++;
  }
  return pads;
}

/** Offsets of the padded text back in the source: spaces added by `pads` map to their line start. */
function unpad(offset: number, pads: readonly Padding[]): number {
  if (offset < 0) return offset;
  let at = offset;
  for (let i = pads.length - 1; i >= 0; i--) {
    const pad = pads[i]!;
    if (at >= pad.at + pad.count) at -= pad.count;
    else if (at > pad.at) at = pad.at;
  }
  return at;
}

/** js-yaml's events read from padded text, with every offset moved back into the source. */
function unpadEvents(input: Event[], pads: readonly Padding[]): void {
  for (const e of input) {
    if (e.type === EV_DOCUMENT || e.type === EV_POP) continue;
    e.anchorStart = unpad(e.anchorStart, pads);
    e.anchorEnd = unpad(e.anchorEnd, pads);
    if (e.type === EV_ALIAS) continue;
    e.tagStart = unpad(e.tagStart, pads);
    e.tagEnd = unpad(e.tagEnd, pads);
    if (e.type === EV_SCALAR) {
      e.valueStart = unpad(e.valueStart, pads);
      e.valueEnd = unpad(e.valueEnd, pads);
    } else {
      e.start = unpad(e.start, pads);
    }
  }
}

/** Whether `offset` is inside the text of a quoted scalar of `input` (between its quotes). */
function insideQuoted(input: readonly Event[], offset: number): boolean {
  return input.some(
    (e) =>
      e.type === EV_SCALAR &&
      (e.style === STYLE_SINGLE || e.style === STYLE_DOUBLE) &&
      e.valueStart < offset &&
      offset < e.valueEnd,
  );
}

/**
 * The fast path: js-yaml's events for a single document whose root is a mapping, or undefined when
 * the file needs the `yaml` front end (js-yaml refused it, or it is anything but that plain shape).
 * `repaired` is the source with the paddings made (see quotedContinuationPadding), when there are
 * any: the parity tests hold `yaml`'s reading of it to the events. Exported for the parity tests.
 */
export function readWithJsYaml(
  source: string,
  index: LineIndex,
): { events: ParseEvent[]; problems: ParseProblem[]; repaired?: string } | undefined {
  // Tabs in indentation: `yaml` refuses more of them than js-yaml does.
  // (Most files hold no tab at all: the cheap search first.)
  if (source.includes("\t") && /^[ ]*\t/m.test(source)) return undefined;
  // A carriage return that does not start a CRLF breaks a line for js-yaml but not for `yaml`.
  for (let cr = source.indexOf("\r"); cr !== -1; cr = source.indexOf("\r", cr + 1)) {
    if (source.charCodeAt(cr + 1) !== 10) return undefined;
  }
  let input: Event[] | undefined;
  let text = source;
  /** Line breaks turned into spaces, as source offsets. */
  const joined: number[] = [];
  /** Paddings, each at an offset of the text as it was when it was made. */
  const pads: Padding[] = [];
  /** The padded lines' starts, as source offsets. */
  const padded: number[] = [];
  for (let attempt = 0; input === undefined; attempt++) {
    try {
      // One level more than we accept, so the depth refusal is ours (worded by the `yaml` front end).
      input = parseEvents(text, { maxDepth: MAX_DEPTH + 2 });
    } catch (error) {
      if (attempt >= MAX_REPAIRS) return undefined;
      const at = closingBracketLineBreak(text, error);
      if (at !== -1) {
        // Same length, so no offset moves.
        text = `${text.slice(0, at)} ${text.slice(at + 1)}`;
        joined.push(unpad(at, pads));
        continue;
      }
      const pad = quotedContinuationPadding(text, error, pads);
      if (pad === undefined) return undefined;
      // The first time, every line the scan predicts (if it predicts this one); then one at a time.
      const predicted = pads.length === 0 ? predictedPaddings(text) : [];
      let shift = 0;
      for (const one of predicted.some((p) => p.at === pad.at) ? predicted : [pad]) {
        const at = one.at + shift;
        text = `${text.slice(0, at)}${" ".repeat(one.count)}${text.slice(at)}`;
        padded.push(unpad(at, pads));
        pads.push({ at, count: one.count });
        shift += one.count;
      }
    }
  }
  if (pads.length > 0) {
    unpadEvents(input, pads);
    // Every padding must have been inside a quoted string, where leading spaces are not text.
    if (padded.some((at) => !insideQuoted(input, at))) return undefined;
  }
  // A joined line break must have been between nodes, never inside a scalar's text.
  if (
    joined.length > 0 &&
    input.some((e) => e.type === EV_SCALAR && joined.some((at) => e.valueStart <= at && at < e.valueEnd))
  ) {
    return undefined;
  }
  const root = input[1];
  if (input[0]?.type !== EV_DOCUMENT || root?.type !== EV_MAPPING) return undefined;
  // A root mapping indented as a whole is rare; `yaml` places it differently, so it reads it.
  if (root.start !== 0 && source.charCodeAt(root.start - 1) !== 10) return undefined;
  const flattener = new EventFlattener(source, input, index);
  let after: number;
  try {
    after = flattener.node(1, 0, false);
  } catch (error) {
    if (error instanceof Fallback) return undefined;
    throw error;
  }
  // The document's own closing pop, then nothing: another document event means a second document.
  if (input[after]?.type !== EV_POP || after + 1 !== input.length) return undefined;
  if (pads.length === 0) return { events: flattener.events, problems: flattener.problems };
  // The source with the paddings only (joined brackets are read by `yaml` as they are).
  let repaired = "";
  let from = 0;
  padded.forEach((at, i) => {
    repaired += `${source.slice(from, at)}${" ".repeat(pads[i]?.count ?? 0)}`;
    from = at;
  });
  return { events: flattener.events, problems: flattener.problems, repaired: repaired + source.slice(from) };
}

/** Parses `source` (BOM already removed) as a workflow or an action.yml. */
export function parseSource(source: string, kind: DocumentKind): ParsedDocument {
  const index = lineIndexFor(source);
  const nul = source.indexOf("\0");
  if (nul !== -1) {
    return refused(kind, { ...index.positionOf(nul), message: "file is binary (contains NUL bytes), not YAML" });
  }
  const read = readWithJsYaml(source, index) ?? readWithYaml(source, kind);
  if ("refusal" in read) return refused(kind, read.refusal);
  const { value, errors: schema } = readTemplateEvents(
    kind === "workflow" ? getWorkflowSchema() : getActionSchema(),
    kind === "workflow" ? WORKFLOW_ROOT : ACTION_ROOT,
    read.events,
  );
  const events = read.events;
  return {
    kind,
    root: value instanceof MappingToken ? value : undefined,
    syntax: read.problems,
    schema,
    pathAt(line, column, prefer = "scalar") {
      if (line < 1 || line > index.lineCount) return undefined;
      return findPath(events, index, line, column, prefer === "collection");
    },
    positionOf(offset) {
      return index.positionOf(offset);
    },
  };
}

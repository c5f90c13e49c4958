/** Maps a path into a parsed YAML document (keys and indexes) back to a line and column. */
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from "yaml";

export interface LineColumn {
  line: number;
  column: number;
}

export type ConfigPath = readonly PropertyKey[];

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === "string" ? key : undefined;
}

function startOf(node: Node | null | undefined, lines: LineCounter): LineColumn | undefined {
  if (!node?.range) return undefined;
  const pos = lines.linePos(node.range[0]);
  return { line: pos.line, column: pos.col };
}

/**
 * The position of `path` in the document: the value's start, or the key's when `atKey` (for
 * unknown keys). When the path does not exist, the deepest part that does.
 */
export function positionOf(doc: Document, lines: LineCounter, path: ConfigPath, atKey = false): LineColumn | undefined {
  let node: Node | null | undefined = doc.contents;
  let best = startOf(node, lines) ?? { line: 1, column: 1 };
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair: Pair<unknown, unknown> | undefined = node.items.find(
        (item) => isPair(item) && keyText(item.key) === String(segment),
      );
      if (!pair) return best;
      const keyNode = isScalar(pair.key) ? pair.key : undefined;
      const valueNode: Node | null = isNode(pair.value) ? pair.value : null;
      const keyPos = startOf(keyNode, lines);
      if (last && atKey && keyPos) return keyPos;
      // A key with no value (`port:`) has no value range: point at the key.
      node = valueNode;
      best = startOf(valueNode, lines) ?? keyPos ?? best;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (!isNode(item)) return best;
      node = item;
      best = startOf(item, lines) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

/** The line of the value (or key) at `path`, only when that path is written in the file. */
export function lineIfPresent(doc: Document, lines: LineCounter, path: ConfigPath): number | undefined {
  let node: Node | null | undefined = doc.contents;
  let line: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair: Pair<unknown, unknown> | undefined = node.items.find(
        (item) => isPair(item) && keyText(item.key) === String(segment),
      );
      if (!pair) return undefined;
      line = startOf(isScalar(pair.key) ? pair.key : undefined, lines)?.line;
      node = isNode(pair.value) ? pair.value : null;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (!isNode(item)) return undefined;
      line = startOf(item, lines)?.line;
      node = item;
    } else {
      return undefined;
    }
  }
  return line;
}

/** `["pm2", "hosts", 1, "port"]` -> `pm2.hosts[1].port`. */
export function dottedKey(path: ConfigPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

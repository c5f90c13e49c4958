/**
 * What both YAML front ends share: the flat event list GitHub's template reader consumes, the
 * limits on nesting and alias expansion.
 */
import type { LiteralToken, MappingToken, SequenceToken } from "@actions/workflow-parser/templates/tokens/index";

/** Nesting deeper than this is refused: no real workflow comes close, and deep recursion is a crash risk. */
export const MAX_DEPTH = 200;
/** Nodes produced by expanding aliases beyond this count mean a billion-laughs document. */
export const MAX_ALIAS_EXPANSION = 100_000;
/** The template reader's file id for the one file a parse reads. */
export const FILE_ID = 1;

/** A problem found while reading the YAML itself (reported by the syntax rule). */
export interface ParseProblem {
  line: number;
  column: number;
  message: string;
  hint?: string;
}

export const SEQUENCE_END = Symbol("sequence end");
export const MAPPING_END = Symbol("mapping end");

/** A start or a literal is its token itself (no wrapper object per node); ends are markers. */
export type ParseEvent = LiteralToken | SequenceToken | MappingToken | typeof SEQUENCE_END | typeof MAPPING_END;

/** Thrown inside a flattening to stop at the first structural refusal. */
export class RefusedDocument extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function duplicateKey(name: string, line: number, column: number): ParseProblem {
  return {
    line,
    column,
    message: `key "${name}" is duplicated in this mapping`,
    hint: "YAML keeps only one of them; remove or rename the other",
  };
}

/**
 * One reusable key set per nesting depth, for duplicate keys: a mapping's keys are all checked
 * before any other mapping at the same depth starts, so a set can be cleared and used again.
 */
export class KeySetsByDepth {
  private readonly sets: Set<string>[] = [];

  /** The set for `depth`, emptied. */
  at(depth: number): Set<string> {
    let seen = this.sets[depth];
    if (seen) seen.clear();
    else this.sets[depth] = seen = new Set();
    return seen;
  }
}

export const NON_STRING_KEY = "mapping keys must be plain strings";

/**
 * Reads the flat YAML event list against GitHub's workflow (or action) schema into template
 * tokens, with the same tokens, definitions, allowed contexts and error messages as the template
 * reader of @actions/workflow-parser (`readTemplate`), which it replaces on the validate path.
 *
 * Why a reader of our own: on the real-world corpus GitHub's reader was the largest single cost of
 * validation. It builds a new DefinitionInfo (copying and upper-casing the allowed-context list)
 * for every value it reads, expands one-of definitions anew for every node, and lexes and parses
 * every `${{ }}` expression even when the same text under the same contexts was checked a moment
 * before. Here those are computed once per schema and reused:
 *   - a definition's sequence, mapping and scalar alternatives are resolved once (`Plan`);
 *   - a DefinitionInfo is made once per (allowed-context list, definition) and shared. Its content
 *     depends on nothing else, so sharing it is exact;
 *   - an expression's verdict is cached per (allowed-context list, text).
 * The definitions are GitHub's own (the schema the workflow parser loads), so what is allowed where
 * is still decided by GitHub's published schema. test/validate/template-reader.test.ts compares
 * this reader with GitHub's token by token and error by error. One deliberate difference: keys
 * named like Object's own members (`constructor:`) are unknown keys here, where GitHub's reader
 * fails on them (see `facts`).
 */
import { DefinitionInfo } from "@actions/workflow-parser/templates/schema/definition-info";
import { DefinitionType } from "@actions/workflow-parser/templates/schema/definition-type";
import type { Definition } from "@actions/workflow-parser/templates/schema/definition";
import type { MappingDefinition } from "@actions/workflow-parser/templates/schema/mapping-definition";
import type { PropertyDefinition } from "@actions/workflow-parser/templates/schema/property-definition";
import type { ScalarDefinition } from "@actions/workflow-parser/templates/schema/scalar-definition";
import type { SequenceDefinition } from "@actions/workflow-parser/templates/schema/sequence-definition";
import type { TemplateSchema } from "@actions/workflow-parser/templates/schema/template-schema";
import {
  BasicExpressionToken,
  InsertExpressionToken,
  type LiteralToken,
  type MappingToken,
  type ScalarToken,
  type SequenceToken,
  StringToken,
  type TemplateToken,
} from "@actions/workflow-parser/templates/tokens/index";
import type { TokenRange } from "@actions/workflow-parser/templates/tokens/token-range";
import { TokenType } from "@actions/workflow-parser/templates/tokens/types";
import { Lexer } from "@actions/expressions";
import { ScopedMemo } from "../common/memo.js";
import { parserFor, splitAllowed } from "./expr/parse.js";
import { FILE_ID, MAPPING_END, SEQUENCE_END, type ParseEvent } from "./parse-events.js";

/** An error as GitHub's template reader words and places it. */
export interface TemplateError {
  message: string;
  range: TokenRange | undefined;
}

export interface TemplateReadResult {
  value: TemplateToken | undefined;
  errors: TemplateError[];
}

const OPEN = "${{";
const CLOSE = "}}";
const INSERT = "insert";
const NOT_ALLOWED = "A template expression is not allowed in this context";
/**
 * Step properties that GitHub reads only with its background-steps feature flag, which a
 * repository's workflows do not have: without it they are unexpected values.
 */
const BACKGROUND_STEP_PROPERTIES = new Set(["background", "wait", "wait-all", "cancel"]);
const BACKGROUND_ONLY_PROPERTIES = new Set(["wait", "wait-all", "cancel"]);

/** What a definition allows, resolved once: its sequence, mappings and scalars (one-of expanded). */
interface Plan {
  sequence: SequenceDefinition | undefined;
  mappings: MappingDefinition[];
  scalars: ScalarDefinition[];
  /** One mapping that has only loose keys: read without property lookups. */
  looseOnly: boolean;
}

/** Per mapping definition: its own properties by name, and the required ones upper-cased. */
interface MappingFacts {
  properties: Map<string, PropertyDefinition>;
  required: { name: string; upper: string }[];
}

/** Everything derived from one schema, shared by every file read with it. */
class SchemaTables {
  private readonly plans = new Map<Definition, Plan>();
  private readonly mappingFacts = new Map<MappingDefinition, MappingFacts>();
  /** (parent's allowed-context list) → definition → the DefinitionInfo GitHub's reader would make. */
  private readonly infos = new Map<readonly string[], Map<Definition, DefinitionInfo>>();
  private readonly roots = new Map<string, DefinitionInfo>();
  /** (allowed-context list) → expression text → error message, or null when it is valid. */
  private readonly verdicts = new ScopedMemo<readonly string[], string, string | null>(50_000);
  readonly any: Definition;

  constructor(readonly schema: TemplateSchema) {
    this.any = schema.getDefinition("any");
  }

  root(name: string): DefinitionInfo {
    let info = this.roots.get(name);
    if (!info) {
      info = new DefinitionInfo(this.schema, name);
      this.roots.set(name, info);
    }
    return info;
  }

  definition(name: string): Definition {
    return this.schema.getDefinition(name);
  }

  /** `new DefinitionInfo(parent, definition)`, made once per distinct result. */
  child(parent: DefinitionInfo, definition: Definition): DefinitionInfo {
    let byDefinition = this.infos.get(parent.allowedContext);
    if (!byDefinition) {
      byDefinition = new Map();
      this.infos.set(parent.allowedContext, byDefinition);
    }
    let info = byDefinition.get(definition);
    if (!info) {
      info = new DefinitionInfo(parent, definition);
      byDefinition.set(definition, info);
    }
    return info;
  }

  plan(definition: Definition): Plan {
    let plan = this.plans.get(definition);
    if (!plan) {
      const sequence = this.schema.getDefinitionsOfType(definition, DefinitionType.Sequence)[0] as
        SequenceDefinition | undefined;
      const mappings = this.schema.getDefinitionsOfType(definition, DefinitionType.Mapping) as MappingDefinition[];
      const scalars = this.schema.getScalarDefinitions(definition);
      const looseOnly =
        mappings.length === 1 && Object.keys(mappings[0].properties).length === 0 && !!mappings[0].looseKeyType;
      plan = { sequence, mappings, scalars, looseOnly };
      this.plans.set(definition, plan);
    }
    return plan;
  }

  facts(definition: MappingDefinition): MappingFacts {
    let facts = this.mappingFacts.get(definition);
    if (!facts) {
      const required: MappingFacts["required"] = [];
      // Own properties only: GitHub's reader also finds Object's members (`constructor`) on the
      // plain properties object, and then fails on the whole file; here they are unknown keys.
      const properties = new Map(Object.entries(definition.properties));
      for (const [name, property] of properties) {
        if (property.required) required.push({ name, upper: name.toUpperCase() });
      }
      facts = { properties, required };
      this.mappingFacts.set(definition, facts);
    }
    return facts;
  }

  /** GitHub's expression check (lexer and parser with the allowed contexts), memoised. */
  expressionError(expression: string, allowedContext: readonly string[]): string | null {
    let verdict = this.verdicts.get(allowedContext, expression);
    if (verdict === undefined) {
      try {
        // What ExpressionToken.validateExpression does, with the split and the parser shared.
        const { namedContexts, functions } = splitAllowed(allowedContext);
        parserFor(new Lexer(expression).lex().tokens, namedContexts, functions).parse();
        verdict = null;
      } catch (error) {
        verdict = (error as Error | undefined)?.message ?? String(error);
      }
      this.verdicts.set(allowedContext, expression, verdict);
    }
    return verdict;
  }
}

const tablesBySchema = new WeakMap<TemplateSchema, SchemaTables>();

function tablesFor(schema: TemplateSchema): SchemaTables {
  let tables = tablesBySchema.get(schema);
  if (!tables) {
    tables = new SchemaTables(schema);
    tablesBySchema.set(schema, tables);
  }
  return tables;
}

/**
 * The mappings and sequences with a `${{ }}` value somewhere below them (keys aside), as the reader
 * builds them: rules that look only at expressions skip every other subtree (see forEachExpression).
 */
export const EXPRESSION_HOLDERS = new WeakSet<TemplateToken>();

function holdsExpressions(token: TemplateToken): boolean {
  return token.templateTokenType === TokenType.BasicExpression || EXPRESSION_HOLDERS.has(token);
}

function addPair(mapping: MappingToken, key: ScalarToken, value: TemplateToken): void {
  mapping.add(key, value);
  if (holdsExpressions(value)) EXPRESSION_HOLDERS.add(mapping);
}

function isCollectionStart(event: ParseEvent): event is MappingToken | SequenceToken {
  if (typeof event === "symbol") return false;
  const type = event.templateTokenType;
  return type === TokenType.Mapping || type === TokenType.Sequence;
}

/**
 * Reads `events` (one document, as the YAML front ends flatten it) as a value of the schema's
 * definition `rootType`. The event tokens are used in place and become part of the result.
 */
export function readTemplateEvents(schema: TemplateSchema, rootType: string, events: ParseEvent[]): TemplateReadResult {
  const reader = new Reader(tablesFor(schema), events);
  let value: TemplateToken | undefined;
  try {
    value = reader.readValue(reader.tables.root(rootType));
    if (reader.position !== events.length) throw new Error("the document was not read to its end");
  } catch (error) {
    reader.errors.push({ message: (error as Error | undefined)?.message ?? String(error), range: undefined });
  }
  return { value, errors: reader.errors };
}

class Reader {
  position = 0;
  readonly errors: TemplateError[] = [];

  constructor(
    readonly tables: SchemaTables,
    private readonly events: ParseEvent[],
  ) {}

  private error(token: TemplateToken, message: string, range: TokenRange | undefined = token.range): void {
    this.errors.push({ message, range });
  }

  /** The next event if it is a scalar, consumed. */
  private nextLiteral(): LiteralToken | undefined {
    const event = this.events[this.position];
    if (event === undefined || typeof event === "symbol" || isCollectionStart(event)) return undefined;
    this.position++;
    return event as LiteralToken;
  }

  readValue(info: DefinitionInfo): TemplateToken {
    const event = this.events[this.position];
    if (event === undefined || typeof event === "symbol") {
      throw new Error("Expected a scalar value, a sequence, or a mapping");
    }
    this.position++;
    const type = event.templateTokenType;
    if (type === TokenType.Sequence) return this.readSequence(event as SequenceToken, info);
    if (type === TokenType.Mapping) return this.readMapping(event as MappingToken, info);
    return this.validate(this.parseScalar(event as LiteralToken, info), info);
  }

  private readSequence(sequence: SequenceToken, info: DefinitionInfo): SequenceToken {
    const definition = this.tables.plan(info.definition).sequence;
    if (definition) {
      const itemInfo = this.tables.child(info, this.tables.definition(definition.itemType));
      while (!this.allow(SEQUENCE_END)) {
        const item = this.readValue(itemInfo);
        sequence.add(item);
        if (holdsExpressions(item)) EXPRESSION_HOLDERS.add(sequence);
      }
    } else {
      this.error(sequence, "A sequence was not expected");
      while (!this.allow(SEQUENCE_END)) this.skipValue();
    }
    sequence.definitionInfo = info;
    return sequence;
  }

  private readMapping(mapping: MappingToken, info: DefinitionInfo): MappingToken {
    const plan = this.tables.plan(info.definition);
    if (plan.mappings.length === 0) {
      this.error(mapping, "A mapping was not expected");
      while (!this.allow(MAPPING_END)) {
        this.skipValue();
        this.skipValue();
      }
    } else if (plan.looseOnly) {
      this.readLooseMapping(mapping, info, plan.mappings[0]);
    } else {
      // Filtered in place as keys pick one of several mapping alternatives: a copy per mapping.
      this.readKnownMapping(mapping, info, plan.mappings.slice());
    }
    if (!mapping.definitionInfo) mapping.definitionInfo = info;
    return mapping;
  }

  /** A key that is an expression: allowed only where the definition allows contexts. */
  private readExpressionKey(
    mapping: MappingToken,
    key: ScalarToken,
    info: DefinitionInfo,
    valueInfo: () => DefinitionInfo,
  ): void {
    if (info.allowedContext.length > 0) {
      addPair(mapping, key, this.readValue(valueInfo()));
    } else {
      this.error(key, NOT_ALLOWED);
      this.skipValue();
    }
  }

  /** Keys become strings (`1:`, `true:`); a repeated key, compared without case, is an error. */
  private keyString(scalar: ScalarToken, seen: Set<string>): StringToken | undefined {
    const key =
      scalar.templateTokenType === TokenType.String
        ? (scalar as StringToken)
        : new StringToken(scalar.file, scalar.range, scalar.toString(), scalar.definitionInfo);
    if (key.value) {
      const upper = key.value.toUpperCase();
      if (seen.has(upper)) {
        this.error(key, `'${key.value}' is already defined`);
        this.skipValue();
        return undefined;
      }
      seen.add(upper);
    }
    return key;
  }

  private readKnownMapping(mapping: MappingToken, info: DefinitionInfo, candidates: MappingDefinition[]): void {
    const tables = this.tables;
    const looseKeyType = candidates[0].looseKeyType;
    const looseValueType = candidates[0].looseValueType;
    let looseKeyInfo: DefinitionInfo | undefined;
    let looseValueInfo: DefinitionInfo | undefined;
    const seen = new Set<string>();
    let hasExpressionKey = false;
    let literal: LiteralToken | undefined;
    while ((literal = this.nextLiteral())) {
      const scalar = this.parseScalar(literal, info);
      if (scalar.isExpression) {
        hasExpressionKey = true;
        this.readExpressionKey(mapping, scalar, info, () => tables.child(info, tables.any));
        continue;
      }
      const key = this.keyString(scalar, seen);
      if (!key) continue;
      const property = matchProperty(tables, candidates, key.value);
      if (property) {
        if (BACKGROUND_STEP_PROPERTIES.has(key.value)) {
          this.error(key, `Unexpected value '${key.value}'`);
          this.skipValue();
          continue;
        }
        const valueInfo = tables.child(info, tables.definition(property.type));
        key.definitionInfo = valueInfo;
        if (property.description) key.description = property.description;
        addPair(mapping, key, this.readValue(valueInfo));
        continue;
      }
      if (looseKeyType) {
        looseKeyInfo ??= tables.child(info, tables.definition(looseKeyType));
        looseValueInfo ??= tables.child(info, tables.definition(looseValueType));
        this.validate(key, looseKeyInfo);
        key.definitionInfo = tables.child(info, tables.definition(candidates[0].looseValueType));
        addPair(mapping, key, this.readValue(looseValueInfo));
        continue;
      }
      this.error(key, `Unexpected value '${key.value}'`);
      this.skipValue();
    }

    if (candidates.length === 1) {
      mapping.definitionInfo = tables.child(info, candidates[0]);
      if (!hasExpressionKey) {
        for (const { name, upper } of tables.facts(candidates[0]).required) {
          if (!seen.has(upper)) this.error(mapping, `Required property is missing: ${name}`);
        }
      }
    } else {
      this.error(mapping, notEnoughInfo(candidates));
    }
    this.expectMappingEnd();
  }

  private readLooseMapping(mapping: MappingToken, info: DefinitionInfo, definition: MappingDefinition): void {
    const tables = this.tables;
    const keyInfo = tables.child(info, tables.definition(definition.looseKeyType));
    const valueInfo = tables.child(info, tables.definition(definition.looseValueType));
    const seen = new Set<string>();
    let literal: LiteralToken | undefined;
    while ((literal = this.nextLiteral())) {
      const scalar = this.parseScalar(literal, info);
      scalar.definitionInfo = keyInfo;
      if (scalar.isExpression) {
        this.readExpressionKey(mapping, scalar, info, () => valueInfo);
        continue;
      }
      const key = this.keyString(scalar, seen);
      if (!key) continue;
      this.validate(key, keyInfo);
      key.definitionInfo = valueInfo;
      addPair(mapping, key, this.readValue(valueInfo));
    }
    this.expectMappingEnd();
  }

  private allow(end: typeof SEQUENCE_END | typeof MAPPING_END): boolean {
    if (this.events[this.position] !== end) return false;
    this.position++;
    return true;
  }

  private expectMappingEnd(): void {
    if (!this.allow(MAPPING_END)) throw new Error("Expected mapping end");
  }

  /** Skips one whole value: a scalar, or a collection with everything inside it. */
  private skipValue(): void {
    let depth = 0;
    do {
      const event = this.events[this.position];
      if (event === undefined || (depth === 0 && typeof event === "symbol")) {
        throw new Error("Expected a scalar value, a sequence, or a mapping");
      }
      this.position++;
      if (typeof event === "symbol") depth--;
      else if (isCollectionStart(event)) depth++;
    } while (depth > 0);
  }

  /** Checks a scalar against the definition's scalar alternatives; a non-string may match as a string. */
  private validate(scalar: ScalarToken, info: DefinitionInfo): ScalarToken {
    switch (scalar.templateTokenType) {
      case TokenType.Null:
      case TokenType.Boolean:
      case TokenType.Number:
      case TokenType.String: {
        const literal = scalar as LiteralToken;
        const scalars = this.tables.plan(info.definition).scalars;
        for (const definition of scalars) {
          if (definition.isMatch(literal)) {
            literal.definitionInfo = this.tables.child(info, definition);
            return literal;
          }
        }
        if (literal.templateTokenType !== TokenType.String) {
          const asString = new StringToken(literal.file, literal.range, literal.toString(), literal.definitionInfo);
          for (const definition of scalars) {
            if (definition.isMatch(asString)) {
              asString.definitionInfo = this.tables.child(info, definition);
              return asString;
            }
          }
        }
        this.error(literal, `Unexpected value '${literal.toString()}'`);
        return literal;
      }
      case TokenType.BasicExpression:
        if (info.allowedContext.length === 0) this.error(scalar, NOT_ALLOWED);
        return scalar;
      default:
        this.error(scalar, `Unexpected value '${scalar.toString()}'`);
        return scalar;
    }
  }

  /**
   * Splits a string holding `${{ }}` into literal text and expressions. One expression alone
   * becomes that expression (or a string, when it is only a quoted literal); several parts become
   * one `format(...)` expression. Any broken expression leaves the string as it was.
   */
  private parseScalar(token: LiteralToken, info: DefinitionInfo): ScalarToken {
    if (token.templateTokenType !== TokenType.String) return token;
    const text = token as StringToken;
    if (!text.value) return text;
    const singleLine = text.range === undefined || text.range.start.line === text.range.end.line;
    // One line: the value, without quotes. Several lines (block scalars): the source, whose lines
    // and columns are the file's.
    const raw = singleLine ? text.value : (text.source ?? text.value);
    let next = raw.indexOf(OPEN);
    if (next < 0) return text;

    const segments: ScalarToken[] = [];
    let failed = false;
    let i = 0;
    while (i < raw.length) {
      if (i === next) {
        const start = i;
        let end = -1;
        let quoted = false;
        for (i += OPEN.length; i < raw.length; i++) {
          const c = raw[i];
          if (c === "'") quoted = !quoted;
          else if (!quoted && c === "}" && raw[i - 1] === "}") {
            end = i;
            i++;
            break;
          }
        }
        if (end < start) {
          this.error(
            text,
            "The expression is not closed. An unescaped ${{ sequence was found, but the closing }} sequence was not found.",
          );
          return text;
        }
        const range = expressionRange(text, raw, singleLine, start, end);
        const expression = this.expressionToken(
          text,
          raw.slice(start + OPEN.length, end + 1 - CLOSE.length),
          range,
          info,
        );
        if (!expression) {
          failed = true; // keep checking the rest of the string's expressions
        } else {
          if (expression.directive && (start !== 0 || i < raw.length)) {
            this.error(
              text,
              `The directive '${expression.directive}' is not allowed in this context. Directives are not supported for expressions that are embedded within a string. Directives are only supported when the entire value is an expression.`,
            );
            return text;
          }
          segments.push(expression);
        }
        next = raw.indexOf(OPEN, i);
      } else if (i < next) {
        appendText(segments, text, raw.slice(i, next));
        i = next;
      } else {
        appendText(segments, text, raw.slice(i));
        break;
      }
    }
    if (failed) return text;

    if (segments.length === 1) {
      const only = segments[0];
      if (only.templateTokenType === TokenType.BasicExpression) {
        const literal = quotedLiteral((only as BasicExpressionToken).expression);
        if (literal !== undefined) return new StringToken(FILE_ID, text.range, literal, text.definitionInfo);
      }
      return only;
    }

    let format = "";
    let args = "";
    const parts: BasicExpressionToken[] = [];
    for (const segment of segments) {
      if (segment.templateTokenType === TokenType.String) {
        format += (segment as StringToken).value.replace(/'/g, "''").replace(/\{/g, "{{").replace(/\}/g, "}}");
      } else {
        const part = segment as BasicExpressionToken;
        format += `{${parts.length}}`;
        args += `, ${part.expression}`;
        parts.push(part);
      }
    }
    return new BasicExpressionToken(
      FILE_ID,
      text.range,
      `format('${format}'${args})`,
      info,
      parts,
      raw,
      undefined,
      text.blockScalarHeader,
    );
  }

  /** One `${{ }}`'s inside: the insert directive, or an expression checked against the allowed contexts. */
  private expressionToken(
    token: StringToken,
    inside: string,
    range: TokenRange,
    info: DefinitionInfo,
  ): BasicExpressionToken | InsertExpressionToken | undefined {
    const trimmed = inside.trim();
    if (!trimmed) {
      this.error(token, "An expression was expected", range);
      return undefined;
    }
    const directive = insertDirective(trimmed);
    if (directive === true) return new InsertExpressionToken(FILE_ID, range, info);
    if (directive !== false) {
      this.error(token, directive, range);
      return undefined;
    }
    const problem = this.tables.expressionError(trimmed, info.allowedContext);
    if (problem !== null) {
      this.error(token, problem, range);
      return undefined;
    }
    const leading = inside.length - inside.trimStart().length;
    const trailing = inside.length - inside.trimEnd().length;
    const inner: TokenRange = {
      start: { ...range.start, column: range.start.column + OPEN.length + leading },
      end: { ...range.end, column: range.end.column - CLOSE.length - trailing },
    };
    return new BasicExpressionToken(
      FILE_ID,
      range,
      trimmed,
      info,
      undefined,
      token.source,
      inner,
      token.blockScalarHeader,
    );
  }
}

/** Where one `${{ }}` (from `start` to the last `}` at `end`) sits in the file. */
function expressionRange(token: StringToken, raw: string, singleLine: boolean, start: number, end: number): TokenRange {
  const range = token.range as TokenRange;
  if (singleLine) {
    // The value has no quotes, the source may: shift by where `${{` is in each.
    const shift = (token.source ?? raw).indexOf(OPEN) - raw.indexOf(OPEN);
    return {
      start: { line: range.start.line, column: range.start.column + start + shift },
      end: { line: range.end.line, column: range.start.column + end + 1 + shift },
    };
  }
  // GitHub's reader counts lines from the block scalar's source this way; kept as it is.
  const before = raw.slice(0, start);
  let lines = 1;
  for (let at = before.indexOf("\n"); at !== -1; at = before.indexOf("\n", at + 1)) lines++;
  const lineStart = before.lastIndexOf("\n");
  const line = range.start.line + lines;
  return { start: { line, column: start - lineStart }, end: { line, column: end - lineStart + 1 } };
}

/** Text between expressions; consecutive pieces join into one string token. */
function appendText(segments: ScalarToken[], token: StringToken, value: string): void {
  const last = segments[segments.length - 1];
  if (last !== undefined && last.templateTokenType === TokenType.String) {
    segments[segments.length - 1] = new StringToken(
      FILE_ID,
      token.range,
      (last as StringToken).value + value,
      token.definitionInfo,
    );
  } else {
    segments.push(new StringToken(FILE_ID, token.range, value, token.definitionInfo));
  }
}

const isSpace = (c: string): boolean => /\s/.test(c);

/**
 * `insert` (the only directive, with no parameters): true when `trimmed` is exactly the directive,
 * false when it is not a directive, or the error when parameters follow it.
 */
function insertDirective(trimmed: string): boolean | string {
  if (!trimmed.startsWith(INSERT)) return false;
  if (trimmed.length > INSERT.length && !isSpace(trimmed[INSERT.length])) return false;
  // Parameters are separated by whitespace outside quotes and parentheses; as in GitHub's reader,
  // only what follows the last separator is counted.
  let paramStart = INSERT.length;
  let quoted = false;
  let depth = 0;
  for (let i = INSERT.length; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (!quoted && depth === 0 && isSpace(c)) paramStart = i + 1;
    else if (c === "'") quoted = !quoted;
    else if (c === "(" && !quoted) depth++;
    else if (c === ")" && !quoted) depth--;
  }
  const count = paramStart < trimmed.length ? 1 : 0;
  if (count === 0) return true;
  return `Exactly 0 parameter(s) were expected following the directive '${INSERT}'. Actual parameter count: ${count}`;
}

/** The string an expression stands for when it is one quoted literal (`'{{ x }}'`), else undefined. */
function quotedLiteral(expression: string): string | undefined {
  let out = "";
  let quoted = false;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") {
      quoted = !quoted;
      if (quoted && i !== 0) out += c; // '' inside a literal is one quote
    } else if (!quoted) {
      return undefined;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * The property `name` of any candidate mapping; candidates without it are dropped, once one has it.
 */
function matchProperty(
  tables: SchemaTables,
  candidates: MappingDefinition[],
  name: string,
): PropertyDefinition | undefined {
  if (candidates.length === 1) return tables.facts(candidates[0]).properties.get(name);
  let found: PropertyDefinition | undefined;
  let missing = false;
  for (const candidate of candidates) {
    const property = tables.facts(candidate).properties.get(name);
    if (property) found = property;
    else missing = true;
  }
  if (found && missing) {
    for (let i = candidates.length - 1; i >= 0; i--) {
      if (!tables.facts(candidates[i]).properties.has(name)) candidates.splice(i, 1);
    }
  }
  return found;
}

/** The error for a mapping that fits several definitions: the properties only one of them has. */
function notEnoughInfo(candidates: MappingDefinition[]): string {
  const hits = new Map<string, number>();
  for (const candidate of candidates) {
    for (const name of Object.keys(candidate.properties)) hits.set(name, (hits.get(name) ?? 0) + 1);
  }
  const unique: string[] = [];
  for (const [name, count] of hits) {
    if (count === 1 && !BACKGROUND_ONLY_PROPERTIES.has(name)) unique.push(name);
  }
  return `There's not enough info to determine what you meant. Add one of these properties: ${unique.sort().join(", ")}`;
}

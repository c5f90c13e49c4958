/**
 * GitHub's ObjectReader over a prepared event list: lets the tests run GitHub's own template
 * reader (`readTemplate`) on the events our YAML front ends produce, to compare it with ours.
 */
import type { ObjectReader } from "@actions/workflow-parser/templates/object-reader";
import { LiteralToken, MappingToken, SequenceToken } from "@actions/workflow-parser/templates/tokens/index";
import { MAPPING_END, SEQUENCE_END, type ParseEvent } from "../../src/validate/parse-events.js";

/** Feeds a prepared event list to the template reader. */
export class EventListReader implements ObjectReader {
  private index = 0;
  constructor(private readonly events: ParseEvent[]) {}

  allowLiteral(): LiteralToken | undefined {
    const e = this.events[this.index];
    if (e instanceof LiteralToken) {
      this.index++;
      return e;
    }
    return undefined;
  }
  allowSequenceStart(): SequenceToken | undefined {
    const e = this.events[this.index];
    if (e instanceof SequenceToken) {
      this.index++;
      return e;
    }
    return undefined;
  }
  allowSequenceEnd(): boolean {
    if (this.events[this.index] === SEQUENCE_END) {
      this.index++;
      return true;
    }
    return false;
  }
  allowMappingStart(): MappingToken | undefined {
    const e = this.events[this.index];
    if (e instanceof MappingToken) {
      this.index++;
      return e;
    }
    return undefined;
  }
  allowMappingEnd(): boolean {
    if (this.events[this.index] === MAPPING_END) {
      this.index++;
      return true;
    }
    return false;
  }
  validateStart(): void {}
  validateEnd(): void {
    if (this.index !== this.events.length) throw new Error("the document was not read to its end");
  }
}

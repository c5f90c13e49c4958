/**
 * The single visitor: walks a parsed workflow or action.yml once and calls every rule's hooks in
 * document order. A rule that throws is reported as an `[internal]` finding and skipped for the
 * rest of the file; the walk goes on for the other rules.
 */
import { MappingToken, SequenceToken, StringToken } from "@actions/workflow-parser/templates/tokens/index";
import { errorMessage } from "../common/errors.js";
import type { Finding, Position } from "./finding.js";
import type { JobNode, Rule, RuleContext, StepNode } from "./rule.js";
import { positionOf } from "./context.js";

export const INTERNAL_RULE = "internal";

interface Active {
  rule: Rule;
  ctx: RuleContext;
  failed: boolean;
}

function mappingAt(root: MappingToken, key: string): MappingToken | undefined {
  const value = root.find(key);
  return value instanceof MappingToken ? value : undefined;
}

/** The mapping steps of a job or composite action, with their index in the sequence. */
function stepsOf(mapping: MappingToken): [number, MappingToken][] {
  const steps = mapping.find("steps");
  if (!(steps instanceof SequenceToken)) return [];
  const out: [number, MappingToken][] = [];
  for (let i = 0; i < steps.count; i++) {
    const step = steps.get(i);
    if (step instanceof MappingToken) out.push([i, step]);
  }
  return out;
}

type Hook = "workflow" | "action" | "job" | "step" | "end";

/** The active rules that define `hook`, so the walk never calls a rule for a hook it lacks. */
function withHook(active: Active[], hook: Hook): Active[] {
  return active.filter((a) => typeof a.rule[hook] === "function");
}

/** Calls `hook` on every active rule that has it, turning a throw into an internal finding. */
function callAll(active: Active[], file: string, sink: Finding[], at: Position, call: (a: Active) => void): void {
  for (const a of active) {
    if (a.failed) continue;
    try {
      call(a);
    } catch (error) {
      a.failed = true;
      sink.push({
        file,
        line: at.line,
        column: at.column,
        rule: INTERNAL_RULE,
        severity: "error",
        message: `rule "${a.rule.id}" crashed: ${errorMessage(error).split("\n", 1)[0]}`,
        hint: "this is a bug in redundancy; please report it with the file that triggers it",
      });
    }
  }
}

/** Walks a workflow: `workflow`, then per job `job` and per step `step`, then `end`. */
export function walkWorkflow(root: MappingToken, active: Active[], file: string, sink: Finding[]): void {
  const start = positionOf(root);
  callAll(withHook(active, "workflow"), file, sink, start, (a) => a.rule.workflow?.(a.ctx, root));
  const jobs = mappingAt(root, "jobs");
  if (jobs) {
    const jobRules = withHook(active, "job");
    const stepRules = withHook(active, "step");
    for (let i = 0; i < jobs.count; i++) {
      const pair = jobs.get(i);
      if (!(pair.key instanceof StringToken) || !(pair.value instanceof MappingToken)) continue;
      const job: JobNode = { id: pair.key.value, key: pair.key, token: pair.value };
      const jobAt = positionOf(pair.key);
      callAll(jobRules, file, sink, jobAt, (a) => a.rule.job?.(a.ctx, job));
      if (stepRules.length === 0) continue;
      for (const [index, token] of stepsOf(pair.value)) {
        const step: StepNode = { index, token, job };
        callAll(stepRules, file, sink, positionOf(token), (a) => a.rule.step?.(a.ctx, step));
      }
    }
  }
  callAll(withHook(active, "end"), file, sink, start, (a) => a.rule.end?.(a.ctx));
}

/** Walks an action.yml: `action`, then `step` for each composite step, then `end`. */
export function walkAction(root: MappingToken, active: Active[], file: string, sink: Finding[]): void {
  const start = positionOf(root);
  callAll(withHook(active, "action"), file, sink, start, (a) => a.rule.action?.(a.ctx, root));
  const runs = mappingAt(root, "runs");
  if (runs) {
    const stepRules = withHook(active, "step");
    for (const [index, token] of stepsOf(runs)) {
      const step: StepNode = { index, token };
      callAll(stepRules, file, sink, positionOf(token), (a) => a.rule.step?.(a.ctx, step));
    }
  }
  callAll(withHook(active, "end"), file, sink, start, (a) => a.rule.end?.(a.ctx));
}

export type { Active as ActiveRule };

/**
 * [expression-type] Property accesses checked against what the workflow defines: `steps.<id>` of
 * earlier steps, `needs.<job>` of direct needs and their `outputs`, `matrix.<key>` (include keys
 * too; expression matrices are not checked), `inputs.<name>` of dispatch/call triggers, and the
 * documented properties of `github`, `job`, `runner`, `strategy`.
 */
import { isMapping, isSequence, isString } from "@actions/workflow-parser";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import type { Position } from "../finding.js";
import {
  GITHUB_PROPERTIES,
  JOB_CONTAINER_PROPERTIES,
  JOB_PROPERTIES,
  JOB_SERVICE_PROPERTIES,
  NEEDS_PROPERTIES,
  RUNNER_PROPERTIES,
  STEP_PROPERTIES,
  STRATEGY_PROPERTIES,
  suggestion,
} from "../expr/contexts.js";
import {
  bareCondition,
  child,
  embeddedExpressions,
  forEachExpression,
  type LocatedExpression,
  mappingKeys,
  positionIn,
  stringValue,
} from "../expr/located.js";
import {
  type AccessPath,
  accessPaths,
  parseCached,
  parseExpression,
  type ParseOutcome,
  splitAllowed,
} from "../expr/parse.js";
import { lineIndexFor } from "../expr/source-text.js";
import type { JobNode, Rule, RuleContext } from "../rule.js";

/** A set of known names, or "any" when the workflow computes them (fromJSON, expressions). */
type Known = ReadonlySet<string> | "any";

interface JobFacts {
  id: string;
  outputs: Known;
}

interface Scope {
  jobs: Map<string, JobFacts>;
  /** Input names, "any", or the reason no inputs exist. */
  inputs: Known | { none: string };
  knownVars: ReadonlySet<string> | undefined;
  /** Lower-case step id -> index of the step defining it; undefined = steps not checked here. */
  steps?: ReadonlyMap<string, number>;
  /** Only steps before this index have run when the expression is evaluated. */
  stepsBefore?: number;
  /** Direct needs of the job; undefined outside a job. */
  needs?: Map<string, JobFacts | undefined>;
  matrix?: MatrixFacts | "any" | "none";
  services?: Known;
  /** `jobs.<id>` (workflow_call outputs) is checked when set. */
  jobsContext?: boolean;
  /** Names the step list in messages. */
  stepsOf?: "job" | "action";
}

function lowerSet(names: Iterable<string>): Set<string> {
  return new Set([...names].map((n) => n.toLowerCase()));
}

function triggersOf(root: MappingToken): Set<string> {
  const on = root.find("on");
  const out = new Set<string>();
  if (!on) return out;
  if (isString(on)) {
    out.add(on.value.toLowerCase());
  } else if (isSequence(on)) {
    for (const t of on) if (isString(t)) out.add(t.value.toLowerCase());
  } else {
    for (const k of mappingKeys(on)) out.add(k.toLowerCase());
  }
  return out;
}

function workflowInputs(root: MappingToken): Scope["inputs"] {
  const triggers = triggersOf(root);
  if (!triggers.has("workflow_dispatch") && !triggers.has("workflow_call")) {
    return { none: 'this workflow has no "workflow_dispatch" or "workflow_call" trigger, so "inputs" is empty' };
  }
  const on = root.find("on");
  const names: string[] = [];
  for (const trigger of ["workflow_dispatch", "workflow_call"]) {
    const inputs = child(child(on, trigger), "inputs");
    if (inputs && !isMapping(inputs)) return "any";
    names.push(...mappingKeys(inputs));
  }
  return lowerSet(names);
}

function jobOutputs(ctx: RuleContext, job: TemplateToken): Known {
  const uses = stringValue(child(job, "uses"));
  if (uses !== undefined) {
    if (!uses.startsWith("./")) return "any";
    const callee = ctx.lookups.reusableWorkflow(uses.replace(/@.*$/, ""));
    return callee ? lowerSet(callee.outputs) : "any";
  }
  const outputs = child(job, "outputs");
  if (outputs && !isMapping(outputs)) return "any";
  return lowerSet(mappingKeys(outputs));
}

function workflowJobs(ctx: RuleContext, root: MappingToken): Map<string, JobFacts> {
  const jobs = new Map<string, JobFacts>();
  const token = child(root, "jobs");
  if (!token || !isMapping(token)) return jobs;
  for (let p = 0; p < token.count; p++) {
    const pair = token.get(p);
    if (!isString(pair.key)) continue;
    jobs.set(pair.key.value.toLowerCase(), { id: pair.key.value, outputs: jobOutputs(ctx, pair.value) });
  }
  return jobs;
}

interface MatrixFacts {
  keys: Set<string>;
  /** For keys whose every value is a mapping: the union of their keys (`matrix.config.os`). */
  nested: Map<string, Known>;
}

function addNested(facts: MatrixFacts, key: string, value: TemplateToken): void {
  const prev = facts.nested.get(key);
  if (prev === "any") return;
  if (!isMapping(value)) {
    facts.nested.set(key, "any");
    return;
  }
  const keys = new Set(prev ?? []);
  for (const k of mappingKeys(value)) keys.add(k.toLowerCase());
  facts.nested.set(key, keys);
}

function matrixOf(job: MappingToken): MatrixFacts | "any" | "none" {
  const strategy = job.find("strategy");
  if (!strategy) return "none";
  if (!isMapping(strategy)) return "any";
  const matrix = strategy.find("matrix");
  if (!matrix) return "none";
  if (!isMapping(matrix)) return "any";
  const facts: MatrixFacts = { keys: new Set(), nested: new Map() };
  for (let p = 0; p < matrix.count; p++) {
    const pair = matrix.get(p);
    if (!isString(pair.key)) return "any";
    const key = pair.key.value;
    if (key === "exclude") continue;
    if (key === "include") {
      if (!isSequence(pair.value)) return "any";
      for (const item of pair.value) {
        if (!isMapping(item)) return "any";
        for (const entry of item) {
          if (!isString(entry.key)) return "any";
          const k = entry.key.value.toLowerCase();
          facts.keys.add(k);
          addNested(facts, k, entry.value);
        }
      }
      continue;
    }
    const k = key.toLowerCase();
    facts.keys.add(k);
    if (isSequence(pair.value)) for (const value of pair.value) addNested(facts, k, value);
    else facts.nested.set(k, "any");
  }
  return facts;
}

function needsOf(job: MappingToken, jobs: Map<string, JobFacts>): Map<string, JobFacts | undefined> {
  const needs = job.find("needs");
  const names: string[] = [];
  if (needs && isString(needs)) {
    names.push(needs.value);
  } else if (needs && isSequence(needs)) {
    for (const n of needs) if (isString(n)) names.push(n.value);
  }
  const out = new Map<string, JobFacts | undefined>();
  for (const n of names) out.set(n.toLowerCase(), jobs.get(n.toLowerCase()));
  return out;
}

function stepIds(steps: TemplateToken | undefined): Map<string, number> {
  const ids = new Map<string, number>();
  if (!steps || !isSequence(steps)) return ids;
  for (let i = 0; i < steps.count; i++) {
    const id = stringValue(child(steps.get(i), "id"));
    if (id !== undefined && !ids.has(id.toLowerCase())) ids.set(id.toLowerCase(), i);
  }
  return ids;
}

interface Problem {
  /** Index of the offending segment; -1 = the context name. */
  at: number;
  message: string;
  hint?: string;
}

function nameAt(path: AccessPath, i: number): string | undefined {
  const seg = path.segments[i];
  return seg?.kind === "name" ? seg.name : undefined;
}

function checkProperty(path: AccessPath, i: number, known: ReadonlySet<string>, what: string): Problem | undefined {
  const name = nameAt(path, i);
  if (name === undefined || known.has(name.toLowerCase())) return undefined;
  const hint = suggestion(name, known);
  return { at: i, message: `unknown property "${name}" of ${what}`, ...(hint ? { hint } : {}) };
}

/** The first problem of one access path in a scope, if any. */
export function checkPath(path: AccessPath, scope: Scope): Problem | undefined {
  const context = path.context.toLowerCase();
  switch (context) {
    case "github":
      return checkProperty(path, 0, GITHUB_PROPERTIES, "the github context") ?? checkGithubValue(path);
    case "runner":
      return checkProperty(path, 0, RUNNER_PROPERTIES, "the runner context");
    case "strategy":
      return checkProperty(path, 0, STRATEGY_PROPERTIES, "the strategy context");
    case "job":
      return checkJob(path, scope);
    case "steps":
      return checkSteps(path, scope);
    case "needs":
      return checkNeeds(path, scope);
    case "jobs":
      return scope.jobsContext ? checkJobs(path, scope) : undefined;
    case "matrix":
      return checkMatrix(path, scope);
    case "inputs":
      return checkInputs(path, scope);
    case "vars": {
      const name = nameAt(path, 0);
      if (!scope.knownVars || scope.knownVars.size === 0 || name === undefined) return undefined;
      if (scope.knownVars.has(name.toLowerCase())) return undefined;
      const hint = suggestion(name, scope.knownVars);
      return {
        at: 0,
        message: `unknown configuration variable "${name}"`,
        hint: hint ?? 'add it to "validate.config-variables" in the config when it exists',
      };
    }
    default:
      return undefined;
  }
}

/** Every documented `github.*` property but `event` is a string, number or boolean. */
function checkGithubValue(path: AccessPath): Problem | undefined {
  const prop = nameAt(path, 0);
  if (prop === undefined) return undefined;
  const lower = prop.toLowerCase();
  if (lower === "event") {
    // An object is equal only to itself: comparing the payload with a literal is always false.
    if (path.segments.length === 1 && path.functions[path.functions.length - 1] === "==") {
      return {
        at: 0,
        message: '"github.event" is the event payload (an object); comparing it with a value is always false',
        hint: 'did you mean "github.event_name"?',
      };
    }
    return undefined;
  }
  const next = nameAt(path, 1);
  if (next === undefined) return undefined;
  return {
    at: 1,
    message: `"github.${prop}" is not an object, so "github.${prop}.${next}" is always null`,
    hint: `did you mean "github.event.${prop}.${next}"?`,
  };
}

function checkJob(path: AccessPath, scope: Scope): Problem | undefined {
  const first = checkProperty(path, 0, JOB_PROPERTIES, "the job context");
  if (first) return first;
  const prop = nameAt(path, 0)?.toLowerCase();
  if (prop === "container") return checkProperty(path, 1, JOB_CONTAINER_PROPERTIES, "job.container");
  if (prop !== "services") return undefined;
  const service = nameAt(path, 1);
  if (service === undefined) return undefined;
  if (scope.services && scope.services !== "any" && !scope.services.has(service.toLowerCase())) {
    const hint = suggestion(service, scope.services);
    return {
      at: 1,
      message: `service "${service}" is not defined in this job's "services"`,
      ...(hint ? { hint } : {}),
    };
  }
  return checkProperty(path, 2, JOB_SERVICE_PROPERTIES, `job.services.${service}`);
}

function checkSteps(path: AccessPath, scope: Scope): Problem | undefined {
  if (!scope.steps) return undefined;
  const id = nameAt(path, 0);
  if (id === undefined) return undefined;
  const lower = id.toLowerCase();
  const defined = scope.steps.get(lower);
  const before = scope.stepsBefore ?? Number.POSITIVE_INFINITY;
  if (defined === undefined || defined >= before) {
    if (defined !== undefined) {
      return {
        at: 0,
        message: `step "${id}" is this step or a later one; "steps.${id}" is only set after it has run`,
      };
    }
    const earlier = [...scope.steps].filter(([, index]) => index < before).map(([name]) => name);
    const hint = suggestion(id, earlier);
    return {
      at: 0,
      message: `no step with id "${id}" before this point in the ${scope.stepsOf ?? "job"}`,
      ...(hint ? { hint } : { hint: `give the step "id: ${id}"` }),
    };
  }
  return checkProperty(path, 1, STEP_PROPERTIES, `steps.${id}`);
}

function checkNeeds(path: AccessPath, scope: Scope): Problem | undefined {
  if (!scope.needs) return undefined;
  const id = nameAt(path, 0);
  if (id === undefined) return undefined;
  const lower = id.toLowerCase();
  if (!scope.needs.has(lower)) {
    const exists = scope.jobs.has(lower);
    return {
      at: 0,
      message: exists
        ? `job "${id}" is not in this job's "needs", so "needs.${id}" is empty`
        : `no job "${id}" in this job's "needs"`,
      hint: exists ? `add "${id}" to "needs:"` : (suggestion(id, scope.needs.keys()) ?? 'list the job in "needs:"'),
    };
  }
  const problem = checkProperty(path, 1, NEEDS_PROPERTIES, `needs.${id}`);
  if (problem) return problem;
  return checkJobOutput(path, scope.needs.get(lower), `needs.${id}`);
}

function checkJobs(path: AccessPath, scope: Scope): Problem | undefined {
  const id = nameAt(path, 0);
  if (id === undefined) return undefined;
  const facts = scope.jobs.get(id.toLowerCase());
  if (!facts) {
    const hint = suggestion(
      id,
      [...scope.jobs.values()].map((j) => j.id),
    );
    return { at: 0, message: `no job "${id}" in this workflow`, ...(hint ? { hint } : {}) };
  }
  return checkProperty(path, 1, NEEDS_PROPERTIES, `jobs.${id}`) ?? checkJobOutput(path, facts, `jobs.${id}`);
}

function checkJobOutput(path: AccessPath, facts: JobFacts | undefined, prefix: string): Problem | undefined {
  if (!facts || facts.outputs === "any" || nameAt(path, 1)?.toLowerCase() !== "outputs") return undefined;
  const name = nameAt(path, 2);
  if (name === undefined || facts.outputs.has(name.toLowerCase())) return undefined;
  const hint = suggestion(name, facts.outputs);
  return {
    at: 2,
    message: `job "${facts.id}" has no output "${name}" (${prefix}.outputs.${name})`,
    hint: hint ?? `declare it under jobs.${facts.id}.outputs`,
  };
}

function checkMatrix(path: AccessPath, scope: Scope): Problem | undefined {
  const matrix = scope.matrix;
  if (matrix === undefined || matrix === "any") return undefined;
  if (matrix === "none") {
    return { at: -1, message: 'this job has no "strategy.matrix", so the matrix context is empty' };
  }
  const key = nameAt(path, 0);
  if (key === undefined) return undefined;
  if (!matrix.keys.has(key.toLowerCase())) {
    const hint = suggestion(key, matrix.keys);
    return { at: 0, message: `no matrix key "${key}" in this job's matrix`, ...(hint ? { hint } : {}) };
  }
  const nested = matrix.nested.get(key.toLowerCase());
  const prop = nameAt(path, 1);
  if (!nested || nested === "any" || prop === undefined || nested.has(prop.toLowerCase())) return undefined;
  const hint = suggestion(prop, nested);
  return { at: 1, message: `no property "${prop}" in the values of matrix.${key}`, ...(hint ? { hint } : {}) };
}

function checkInputs(path: AccessPath, scope: Scope): Problem | undefined {
  const name = nameAt(path, 0);
  const inputs = scope.inputs;
  if (inputs === "any" || name === undefined) return undefined;
  if ("none" in inputs) return { at: -1, message: inputs.none };
  if (inputs.has(name.toLowerCase())) return undefined;
  const hint = suggestion(name, inputs);
  return { at: 0, message: `no input "${name}" is defined`, ...(hint ? { hint } : {}) };
}

/** `${{ matrix.<key> }}` inside a longer string, where every value of the key is a mapping. */
function objectInString(ctx: RuleContext, located: LocatedExpression, scope: Scope): boolean {
  const key = /^\s*matrix\.([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(located.text)?.[1];
  const matrix = scope.matrix;
  if (key === undefined || matrix === undefined || typeof matrix === "string") return false;
  const nested = matrix.nested.get(key.toLowerCase());
  if (nested === undefined || nested === "any") return false;
  ctx.report(located.start, `"matrix.${key}" is an object; in a string it becomes "Object"`, {
    hint: `use one of its properties${nested.size > 0 ? `, e.g. matrix.${key}.${[...nested][0] ?? ""}` : ""}, or toJSON(matrix.${key})`,
  });
  return true;
}

/** `parsed`: the expression's tree when the caller has it (the same text parses to the same tree in any scope). */
function report(
  ctx: RuleContext,
  located: LocatedExpression,
  scope: Scope,
  inString = false,
  parsed?: ParseOutcome,
): void {
  if (inString && objectInString(ctx, located, scope)) return;
  const outcome = parsed ?? parseCached(located.text);
  if (!outcome.ok) return;
  const index = lineIndexFor(ctx.source);
  for (const path of accessPaths(outcome.expr)) {
    const problem = checkPath(path, scope);
    if (!problem) continue;
    const segPos = problem.at >= 0 ? path.segments[problem.at]?.pos : undefined;
    const at: Position = positionIn(index, located, segPos ?? path.pos);
    ctx.report(at, problem.message, problem.hint ? { hint: problem.hint } : undefined);
  }
}

/** Checks every expression under `token`: `${{ }}` the parser accepted, and bare `if:` conditions. */
function checkTree(ctx: RuleContext, token: TemplateToken, scope: Scope): void {
  const index = lineIndexFor(ctx.source);
  forEachExpression(token, (scalar) => {
    const located = embeddedExpressions(index, scalar);
    // The parser turns text around `${{ }}` into format(): then each value is converted to a string.
    const inString = located.length > 1 || located.some((l) => l.text.trim() !== scalar.expression.trim());
    for (const one of located) if (one.closed) report(ctx, one, scope, inString);
  });
}

function checkBareIf(ctx: RuleContext, token: TemplateToken | undefined, scope: Scope): void {
  if (!token) return;
  const located = bareCondition(lineIndexFor(ctx.source), token);
  if (!located) return;
  const allowed = token.definitionInfo?.allowedContext;
  if (allowed && allowed.length > 0) {
    const split = splitAllowed(allowed);
    // Conditions the [expression] rule rejects are not typed on top.
    const outcome = parseExpression(located.text, split.namedContexts, split.functions);
    if (!outcome.ok) return;
    report(ctx, located, scope, false, outcome);
    return;
  }
  report(ctx, located, scope);
}

const workflowFacts = new WeakMap<MappingToken, { jobs: Map<string, JobFacts>; inputs: Scope["inputs"] }>();

function factsOf(ctx: RuleContext): { jobs: Map<string, JobFacts>; inputs: Scope["inputs"] } {
  let facts = workflowFacts.get(ctx.root);
  if (!facts) {
    facts = { jobs: workflowJobs(ctx, ctx.root), inputs: workflowInputs(ctx.root) };
    workflowFacts.set(ctx.root, facts);
  }
  return facts;
}

function knownVars(ctx: RuleContext): ReadonlySet<string> | undefined {
  return ctx.settings.knownVariables.length > 0 ? lowerSet(ctx.settings.knownVariables) : undefined;
}

function checkStepList(ctx: RuleContext, steps: TemplateToken | undefined, base: Scope): Map<string, number> {
  const ids = stepIds(steps);
  if (steps && isSequence(steps)) {
    // One scope for the list, its step index moved along: checks read it and never keep it.
    const scope: Scope = { ...base, steps: ids, stepsBefore: 0 };
    for (let i = 0; i < steps.count; i++) {
      const step = steps.get(i);
      if (!isMapping(step)) continue;
      scope.stepsBefore = i;
      for (let p = 0; p < step.count; p++) {
        const pair = step.get(p);
        if (isString(pair.key) && pair.key.value === "if") checkBareIf(ctx, pair.value, scope);
        else checkTree(ctx, pair.value, scope);
      }
    }
  }
  return ids;
}

export const expressionTypeRule: Rule = {
  id: "expression-type",
  description: "Context property accesses checked against the steps, needs, matrix and inputs the workflow defines",
  severity: "error",
  workflow(ctx, root) {
    const facts = factsOf(ctx);
    const scope: Scope = { jobs: facts.jobs, inputs: facts.inputs, knownVars: knownVars(ctx), jobsContext: true };
    for (let p = 0; p < root.count; p++) {
      const pair = root.get(p);
      if (isString(pair.key) && pair.key.value === "jobs") continue;
      checkTree(ctx, pair.value, scope);
    }
  },
  job(ctx, job: JobNode) {
    const facts = factsOf(ctx);
    const services = job.token.find("services");
    const base: Scope = {
      jobs: facts.jobs,
      inputs: facts.inputs,
      knownVars: knownVars(ctx),
      needs: needsOf(job.token, facts.jobs),
      matrix: matrixOf(job.token),
      services: services === undefined ? new Set() : isMapping(services) ? lowerSet(mappingKeys(services)) : "any",
    };
    const allSteps = checkStepList(ctx, job.token.find("steps"), base);
    const scope: Scope = { ...base, steps: allSteps };
    for (let p = 0; p < job.token.count; p++) {
      const pair = job.token.get(p);
      if (!isString(pair.key) || pair.key.value === "steps") continue;
      if (pair.key.value === "if") checkBareIf(ctx, pair.value, scope);
      else checkTree(ctx, pair.value, scope);
    }
  },
  action(ctx, root) {
    const inputs = child(root, "inputs");
    const base: Scope = {
      jobs: new Map(),
      inputs: inputs && !isMapping(inputs) ? "any" : lowerSet(mappingKeys(inputs)),
      knownVars: knownVars(ctx),
      stepsOf: "action",
    };
    const runs = child(root, "runs");
    const allSteps = checkStepList(ctx, child(runs, "steps"), base);
    for (let p = 0; p < root.count; p++) {
      const pair = root.get(p);
      if (!isString(pair.key) || pair.key.value === "runs") continue;
      checkTree(ctx, pair.value, { ...base, steps: allSteps });
    }
    if (runs && isMapping(runs)) {
      for (let p = 0; p < runs.count; p++) {
        const pair = runs.get(p);
        if (isString(pair.key) && pair.key.value !== "steps") checkTree(ctx, pair.value, base);
      }
    }
  },
};

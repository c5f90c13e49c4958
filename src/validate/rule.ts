/**
 * The contract between the validate engine and its rules (src/validate/rules/rule-<name>.ts).
 *
 * The engine parses a file once with @actions/workflow-parser, then walks the token tree once,
 * calling every rule's hooks at each node. A rule only reads tokens and calls `ctx.report`.
 */
import type { MappingToken, StringToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import type { Finding, Position, Severity } from "./finding.js";

/** What kind of file is being linted. */
export type DocumentKind = "workflow" | "action";

export interface ValidateSettings {
  /** Labels of self-hosted runners accepted in `runs-on` besides GitHub-hosted ones. */
  selfHostedLabels: string[];
  /** Names of configuration variables (`vars.*`) known to exist; empty = do not check. */
  knownVariables: string[];
  /** Run shellcheck on `run:` scripts when it is installed (path or "shellcheck"); false to skip. */
  shellcheck: string | false;
  /** Rule ids switched off entirely. */
  disabledRules: string[];
}

/** Metadata of an action referenced by `uses:` (from disk, the bundled data set or the API). */
export interface ActionMetadata {
  /** input name -> required (true when `required: true` and no default). */
  inputs: Record<string, { required: boolean; deprecated?: boolean }>;
  outputs: string[];
  /** "node20", "composite", "docker", ... */
  runs?: string;
}

/** Inputs, secrets and outputs of a reusable workflow (`on.workflow_call`). */
export interface ReusableWorkflowMetadata {
  inputs: Record<string, { required: boolean; type?: string }>;
  secrets: Record<string, { required: boolean }>;
  outputs: string[];
}

/** Where rules look up things outside the file; the engine provides disk, data-set and cache access. */
export interface Lookups {
  /** `uses: ./path` (relative to repo root) or `owner/repo[/path]@ref`; undefined = unknown (do not report). */
  actionMetadata(uses: string): ActionMetadata | undefined;
  /** `uses: ./.github/workflows/x.yml` (local reusable workflow); undefined = unreadable or not a callee. */
  reusableWorkflow(path: string): ReusableWorkflowMetadata | undefined;
}

export interface JobNode {
  id: string;
  /** The key token (`jobs.<id>`), for positions. */
  key: StringToken;
  token: MappingToken;
}

export interface StepNode {
  /** 0-based index in the job's (or composite action's) steps. */
  index: number;
  token: MappingToken;
  /** The enclosing job; undefined for composite action steps. */
  job?: JobNode;
}

export interface ReportOptions {
  hint?: string;
  /** Overrides the rule's default severity. */
  severity?: Severity;
}

export interface RuleContext {
  readonly file: string;
  readonly kind: DocumentKind;
  /** The file's text (BOM removed, line endings kept). */
  readonly source: string;
  readonly settings: ValidateSettings;
  readonly lookups: Lookups;
  /** The document root (workflow or action.yml mapping). */
  readonly root: MappingToken;
  /** Reports at a token's start, or at an explicit 1-based position. */
  report(at: TemplateToken | Position, message: string, options?: ReportOptions): void;
}

/**
 * One rule. Hooks are optional; the engine calls them in document order:
 * `workflow` or `action` once, then `job` for each job, `step` for each step (job steps and
 * composite action steps), and `end` once after the walk.
 */
export interface Rule {
  /** kebab-case id printed in brackets: `[expression]`. The file is rules/rule-<id>.ts. */
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  workflow?(ctx: RuleContext, root: MappingToken): void;
  action?(ctx: RuleContext, root: MappingToken): void;
  job?(ctx: RuleContext, job: JobNode): void;
  step?(ctx: RuleContext, step: StepNode): void;
  end?(ctx: RuleContext): void;
}

export type { Finding };

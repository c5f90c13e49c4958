import type { MappingToken, StringToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import {
  isBasicExpression,
  isMapping,
  isSequence,
  isString,
} from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule, RuleContext } from "../rule.js";
import { editDistance } from "../../common/edit-distance.js";

/** GitHub-hosted labels documented today (runner-images README and "GitHub-hosted runners" docs). */
export const GITHUB_HOSTED_LABELS: readonly string[] = [
  "ubuntu-latest",
  "ubuntu-26.04",
  "ubuntu-24.04",
  "ubuntu-22.04",
  "ubuntu-26.04-arm",
  "ubuntu-24.04-arm",
  "ubuntu-22.04-arm",
  "ubuntu-slim",
  "windows-latest",
  "windows-2025",
  "windows-2022",
  "windows-11-arm",
  "macos-latest",
  "macos-26",
  "macos-15",
  "macos-14",
  "macos-26-intel",
  "macos-15-intel",
  "macos-latest-large",
  "macos-26-large",
  "macos-15-large",
  "macos-14-large",
  "macos-latest-xlarge",
  "macos-26-xlarge",
  "macos-15-xlarge",
  "macos-14-xlarge",
];

/** Labels GitHub used to provide; jobs asking for them now wait in the queue until they fail. */
const RETIRED_LABELS: ReadonlyMap<string, string> = new Map([
  ["ubuntu-16.04", "ubuntu-latest"],
  ["ubuntu-18.04", "ubuntu-latest"],
  ["ubuntu-20.04", "ubuntu-22.04"],
  ["windows-2016", "windows-latest"],
  ["windows-2019", "windows-2022"],
  ["macos-10.14", "macos-latest"],
  ["macos-10.15", "macos-latest"],
  ["macos-11", "macos-latest"],
  ["macos-11.0", "macos-latest"],
  ["macos-12", "macos-latest"],
  ["macos-13", "macos-15-intel"],
  ["macos-12-xl", "macos-latest-xlarge"],
  ["macos-latest-xl", "macos-latest-xlarge"],
  ["macos-13-large", "macos-15-large"],
  ["macos-13-xlarge", "macos-15-xlarge"],
]);

/** Labels every self-hosted runner gets from the runner application. */
const SELF_HOSTED_LABELS: readonly string[] = [
  "self-hosted",
  "linux",
  "windows",
  "macos",
  "x64",
  "x86",
  "arm",
  "arm64",
];

function matchesConfigured(label: string, configured: readonly string[]): boolean {
  return configured.some((pattern) => {
    const lower = pattern.toLowerCase();
    if (!lower.includes("*")) return lower === label;
    const re = new RegExp(
      `^${lower
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    );
    return re.test(label);
  });
}

/** Adds the label set of one matrix value (a label or a list of labels); false when not literal. */
function addMatrixValue(value: TemplateToken, into: StringToken[][]): boolean {
  if (isString(value)) {
    into.push([value]);
    return true;
  }
  // An expression row is unknown until run time; the literal rows beside it are still checked.
  if (isBasicExpression(value)) return true;
  if (!isSequence(value)) return false;
  const set: StringToken[] = [];
  for (const item of value) {
    if (isBasicExpression(item)) continue;
    if (!isString(item)) return false;
    set.push(item);
  }
  into.push(set);
  return true;
}

/** The literal label sets a `${{ matrix.<key> }}` can take, or undefined when they cannot be known. */
function matrixValues(job: MappingToken, key: string): StringToken[][] | undefined {
  const strategy = job.find("strategy");
  const matrix = strategy && isMapping(strategy) ? strategy.find("matrix") : undefined;
  if (!matrix || !isMapping(matrix)) return undefined;
  const values: StringToken[][] = [];
  const row = matrix.find(key);
  if (row && !isBasicExpression(row)) {
    if (!isSequence(row)) return undefined;
    for (const item of row) if (!addMatrixValue(item, values)) return undefined;
  }
  const include = matrix.find("include");
  if (include && !isSequence(include)) return undefined;
  for (const entry of include && isSequence(include) ? include : []) {
    if (!isMapping(entry)) return undefined;
    const value = entry.find(key);
    if (value !== undefined && !addMatrixValue(value, values)) return undefined;
  }
  return values.length > 0 ? values : undefined;
}

/** The label sets a job can ask for: one per matrix value when `runs-on` is `${{ matrix.<key> }}`. */
function labelSets(value: TemplateToken, job: MappingToken): StringToken[][] {
  if (isBasicExpression(value)) {
    const key = /^\s*matrix\.([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(value.expression)?.[1];
    return key ? (matrixValues(job, key) ?? []) : [];
  }
  return [labelTokens(value, job)];
}

function labelTokens(value: TemplateToken, job: MappingToken): StringToken[] {
  if (isString(value)) return value.value.includes("${{") ? [] : [value];
  if (isBasicExpression(value)) {
    const key = /^\s*matrix\.([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(value.expression)?.[1];
    return key ? (matrixValues(job, key) ?? []).flat() : [];
  }
  if (isSequence(value)) return [...value].flatMap((item) => labelTokens(item, job));
  if (isMapping(value)) {
    const labels = value.find("labels");
    return labels ? labelTokens(labels, job) : [];
  }
  return [];
}

/** `selfHosted`: the job also asks for "self-hosted", so its other labels are custom by definition. */
function checkLabel(ctx: RuleContext, token: StringToken, selfHosted: boolean): void {
  const label = token.value.toLowerCase();
  if (GITHUB_HOSTED_LABELS.includes(label) || SELF_HOSTED_LABELS.includes(label)) return;
  if (matchesConfigured(label, ctx.settings.selfHostedLabels)) return;
  // With no configured labels there is nothing to check a self-hosted runner's custom labels against.
  if (selfHosted && ctx.settings.selfHostedLabels.length === 0 && !RETIRED_LABELS.has(label)) return;
  const replacement = RETIRED_LABELS.get(label);
  if (replacement) {
    ctx.report(token, `runner label "${token.value}" was retired by GitHub; jobs using it never start`, {
      hint: `use "${replacement}" or another current label`,
    });
    return;
  }
  const close = GITHUB_HOSTED_LABELS.filter((known) => editDistance(known, label, 2) <= 2);
  // Far from every GitHub-hosted label it is more likely a larger or self-hosted runner than a typo.
  ctx.report(token, `runner label "${token.value}" is unknown`, {
    ...(close.length > 0 || selfHosted ? {} : { severity: "warning" as const }),
    hint:
      close.length > 0
        ? `did you mean "${close[0]}"? If it is a self-hosted runner label, add it to validate.self-hosted-runner-labels in the config`
        : "if it is a self-hosted or larger runner label, add it to validate.self-hosted-runner-labels in the config",
  });
}

export const runnerLabelRule: Rule = {
  id: "runner-label",
  description: "runs-on labels: GitHub-hosted, self-hosted defaults and configured self-hosted labels.",
  severity: "error",
  job(ctx, job) {
    const runsOn = job.token.find("runs-on");
    if (!runsOn) return;
    for (const labels of labelSets(runsOn, job.token)) {
      const selfHosted = labels.some((token) => token.value.toLowerCase() === "self-hosted");
      for (const token of labels) checkLabel(ctx, token, selfHosted);
    }
  },
};

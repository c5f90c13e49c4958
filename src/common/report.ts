/**
 * Everything a check says to the outside (annotations, job summaries, issue bodies) is built
 * here, and every text passes through a Redactor on the way out.
 */
import { Redactor } from "./redact.js";
import type { CheckResult, Status } from "./result.js";

export type AnnotationSeverity = "error" | "warning" | "notice";

export interface Annotation {
  severity: AnnotationSeverity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
}

/** Shape-based redaction only (tokens, KEY=value, URL passwords) when no Redactor is given. */
function orDefault(redactor: Redactor | undefined): Redactor {
  return redactor ?? new Redactor();
}

/** The runner's escaping of a workflow command's message. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** The runner's escaping of a workflow command's property value. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** The `::error file=F,line=L,col=C,title=T::message` line the runner turns into an annotation. */
export function formatAnnotation(annotation: Annotation, redactor?: Redactor): string {
  const r = orDefault(redactor);
  const props: [string, string | number | undefined][] = [
    ["file", annotation.file],
    ["line", annotation.line],
    ["endLine", annotation.endLine],
    ["col", annotation.column],
    ["endColumn", annotation.endColumn],
    ["title", annotation.title === undefined ? undefined : r.redact(annotation.title)],
  ];
  const shown = props
    .filter((p): p is [string, string | number] => p[1] !== undefined && p[1] !== "")
    .map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`);
  const head = shown.length > 0 ? `::${annotation.severity} ${shown.join(",")}` : `::${annotation.severity}`;
  return `${head}::${escapeCommandData(r.redact(annotation.message))}`;
}

/** Text made safe for one markdown table cell: no pipes, no line breaks, no raw HTML. */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n|\r/g, "<br>");
}

/** A GitHub-flavoured markdown table; every cell is redacted and escaped. */
export function tableMarkdown(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  redactor?: Redactor,
): string {
  const r = orDefault(redactor);
  const cell = (text: string) => escapeMarkdownCell(r.redact(text));
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const padded = rows.map((row) => headers.map((_h, i) => row[i] ?? ""));
  return [line(headers), `| ${headers.map(() => "---").join(" | ")} |`, ...padded.map(line)].join("\n") + "\n";
}

export const STATUS_EMOJI: Record<Status, string> = {
  ok: "✅",
  warn: "⚠️",
  fail: "❌",
  unknown: "❔",
};

const STATUS_ORDER: Status[] = ["fail", "warn", "unknown", "ok"];

/** How many results have each status. */
export function statusCounts(results: readonly CheckResult[]): Record<Status, number> {
  const counts: Record<Status, number> = { ok: 0, warn: 0, fail: 0, unknown: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

function recoveryText(result: CheckResult): string {
  return (result.recovery ?? [])
    .map((step) => `${step.ok ? "✅" : "❌"} ${step.action}${step.detail ? `: ${step.detail}` : ""}`)
    .join("\n");
}

export interface SummaryOptions {
  redactor?: Redactor;
  /** Evidence lines shown per result that is not ok; default 20. */
  maxDetails?: number;
}

/** The job-summary markdown: a heading, counts by status, one table row per result, then evidence. */
export function resultsSummaryMarkdown(
  results: readonly CheckResult[],
  title: string,
  options: SummaryOptions = {},
): string {
  const r = orDefault(options.redactor);
  const maxDetails = options.maxDetails ?? 20;
  const counts = statusCounts(results);
  const countLine = STATUS_ORDER.filter((s) => counts[s] > 0)
    .map((s) => `${STATUS_EMOJI[s]} ${counts[s]} ${s}`)
    .join(" · ");
  const parts = [`## ${escapeMarkdownCell(r.redact(title))}`, "", countLine || "No checks ran.", ""];
  if (results.length > 0) {
    const rows = results.map((res) => [
      res.id,
      `${STATUS_EMOJI[res.status]} ${res.status}`,
      res.summary,
      recoveryText(res),
    ]);
    parts.push(tableMarkdown(["Check", "Status", "Summary", "Recovery"], rows, r));
  }
  const withEvidence = results.filter((res) => res.status !== "ok" && res.details.length > 0);
  for (const res of withEvidence) {
    const shown = res.details.slice(0, maxDetails).map((d) => `- ${escapeMarkdownCell(r.redact(d))}`);
    if (res.details.length > maxDetails) shown.push(`- … ${res.details.length - maxDetails} more`);
    parts.push(
      `<details><summary>${escapeMarkdownCell(r.redact(res.id))}</summary>`,
      "",
      ...shown,
      "",
      "</details>",
      "",
    );
  }
  return parts.join("\n");
}

/** A deep copy of a result with every text redacted. */
export function redactResult(result: CheckResult, redactor: Redactor): CheckResult {
  const copy: CheckResult = {
    id: redactor.redact(result.id),
    kind: result.kind,
    status: result.status,
    summary: redactor.redact(result.summary),
    details: result.details.map((d) => redactor.redact(d)),
  };
  if (result.metrics) copy.metrics = { ...result.metrics };
  if (result.recovery) {
    copy.recovery = result.recovery.map((step) => ({
      action: redactor.redact(step.action),
      ok: step.ok,
      detail: redactor.redact(step.detail),
    }));
  }
  return copy;
}

export function redactResults(results: readonly CheckResult[], redactor: Redactor): CheckResult[] {
  return results.map((result) => redactResult(result, redactor));
}

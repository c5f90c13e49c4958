import { escapeMarkdownCell, STATUS_EMOJI, tableMarkdown } from "../common/report.js";
import type { CheckResult, Status } from "../common/result.js";
import { formatDuration, formatSize } from "../common/units.js";

/** One row of the job summary table: host, app, status, restarts, memory, uptime, action taken. */
export interface SummaryRow {
  host: string;
  app: string;
  status: Status;
  restarts: string;
  memory: string;
  uptime: string;
  action: string;
}

/** Rows for every app result, plus host results that are not ok (they carry host-level problems). */
export function summaryRows(results: readonly CheckResult[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const r of results) {
    const parts = r.id.split("/");
    if (parts[0] !== "pm2") continue;
    const host = parts[1] ?? "";
    const app = parts.slice(2).join("/");
    if (app === "" && r.status === "ok" && !r.recovery) continue;
    const m = r.metrics ?? {};
    const restarts =
      m.restarts === undefined
        ? "-"
        : `${m.restarts}${m.restartsSinceLastRun !== undefined ? ` (+${m.restartsSinceLastRun})` : ""}`;
    const taken = (r.recovery ?? []).map((s) => `${s.action} ${s.ok ? "ok" : "failed"}`);
    rows.push({
      host,
      app: app === "" ? "(host)" : app,
      status: r.status,
      restarts,
      memory: m.memoryBytes === undefined ? "-" : formatSize(m.memoryBytes),
      uptime: m.uptimeMs === undefined ? "-" : formatDuration(m.uptimeMs),
      action: taken.length > 0 ? taken.join("; ") : "-",
    });
  }
  return rows;
}

/** The GitHub job summary: a table, then the one-line summary of every result that is not ok. */
export function markdownSummary(results: readonly CheckResult[]): string {
  const rows = summaryRows(results);
  const lines = ["## PM2 health", ""];
  if (rows.length === 0) {
    lines.push("No PM2 apps found.");
  } else {
    lines.push(
      tableMarkdown(
        ["Host", "App", "Status", "Restarts", "Memory", "Uptime", "Action taken"],
        rows.map((r) => [
          r.host,
          r.app,
          `${STATUS_EMOJI[r.status]} ${r.status}`,
          r.restarts,
          r.memory,
          r.uptime,
          r.action,
        ]),
      ).trimEnd(),
    );
  }
  const problems = results.filter((r) => r.status !== "ok");
  if (problems.length > 0) {
    lines.push("", "### Problems", "");
    for (const r of problems)
      lines.push(`- **${escapeMarkdownCell(r.id)}** (${r.status}): ${escapeMarkdownCell(r.summary)}`);
  }
  return lines.join("\n") + "\n";
}

/** Plain text for a terminal or a log: one line per result, details indented. */
export function textReport(results: readonly CheckResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.status.toUpperCase().padEnd(7)} ${r.id}: ${r.summary}`);
    for (const d of r.details) out.push(`        ${d}`);
    for (const s of r.recovery ?? [])
      out.push(`        recovery: ${s.action}: ${s.ok ? "ok" : "failed"}${s.detail ? ` (${s.detail})` : ""}`);
  }
  return out.join("\n") + "\n";
}

import { isMapping, isSequence, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule } from "../rule.js";

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const FIELDS: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTH_NAMES },
  { name: "day of week", min: 0, max: 6, names: DAY_NAMES },
];

/** Thrown inside the parser; carries a message for the user. */
class CronSyntaxError extends Error {}

function parseValue(text: string, field: CronField): number {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + field.min;
  if (!/^\d+$/.test(text)) {
    const names = field.names ? ` or a name ${field.names[0]?.toUpperCase()}-${field.names.at(-1)?.toUpperCase()}` : "";
    throw new CronSyntaxError(`"${text}" in the ${field.name} field is not a number${names}`);
  }
  const n = Number(text);
  if (n < field.min || n > field.max) {
    throw new CronSyntaxError(`${n} is out of range ${field.min}-${field.max} in the ${field.name} field`);
  }
  return n;
}

/** Expands one cron field to the set of values it matches (GitHub's syntax: * , - / and names). */
export function expandCronField(text: string, field: CronField): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    if (item === "") throw new CronSyntaxError(`empty list item in the ${field.name} field`);
    const [range = "", step, ...extra] = item.split("/");
    if (extra.length > 0) throw new CronSyntaxError(`"${item}" has more than one "/" in the ${field.name} field`);
    let stepBy = 1;
    if (step !== undefined) {
      if (!/^\d+$/.test(step) || Number(step) === 0) {
        throw new CronSyntaxError(`step "${step}" in the ${field.name} field must be a positive number`);
      }
      stepBy = Number(step);
    }
    let low: number;
    let high: number;
    if (range === "*") {
      low = field.min;
      high = field.max;
    } else {
      const [from = "", to, ...more] = range.split("-");
      if (more.length > 0 || from === "" || to === "") {
        throw new CronSyntaxError(`"${range}" is not a valid range in the ${field.name} field`);
      }
      low = parseValue(from, field);
      high = to === undefined ? (step !== undefined ? field.max : low) : parseValue(to, field);
      if (high < low) throw new CronSyntaxError(`range "${range}" in the ${field.name} field goes backwards`);
    }
    for (let v = low; v <= high; v += stepBy) values.add(v);
  }
  return values;
}

/** Smallest gap in minutes between two runs, counting only the minute and hour fields. */
function smallestInterval(minutes: Set<number>, hours: Set<number>): number {
  const sorted = [...minutes].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i++) gap = Math.min(gap, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
  const first = sorted[0];
  const last = sorted.at(-1);
  const consecutiveHours = [...hours].some((h) => hours.has((h + 1) % 24));
  if (first !== undefined && last !== undefined && consecutiveHours) gap = Math.min(gap, first + 60 - last);
  return gap;
}

/** Days in each month (1-12), February counted with its leap day. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when the day-of-month field can never fall in the chosen months (e.g. 30 February). */
function neverRuns(daysOfMonth: Set<number>, months: Set<number>, dayOfWeekField: string): boolean {
  // cron runs on either field's match when both are restricted; a restricted weekday still fires.
  if (dayOfWeekField !== "*") return false;
  const longest = Math.max(...[...months].map((m) => MONTH_DAYS[m - 1] ?? 31));
  return Math.min(...daysOfMonth) > longest;
}

export const cronRule: Rule = {
  id: "cron",
  description: "schedule.cron syntax and schedules more frequent than GitHub runs them.",
  severity: "error",
  workflow(ctx, root) {
    const on = root.find("on");
    if (!on || !isMapping(on)) return;
    const schedule = on.find("schedule");
    if (!schedule || !isSequence(schedule)) return;
    for (const entry of schedule) {
      if (!isMapping(entry)) continue;
      const cron = entry.find("cron");
      if (!cron || !isString(cron)) continue;
      const parts = cron.value.trim().split(/\s+/);
      if (parts.length !== 5) {
        ctx.report(cron, `cron "${cron.value}" has ${parts.length} fields; GitHub expects 5`, {
          hint: "minute hour day-of-month month day-of-week, e.g. '30 5 * * 1-5'",
        });
        continue;
      }
      let sets: Set<number>[];
      try {
        sets = parts.map((part, i) => expandCronField(part, FIELDS[i] as CronField));
      } catch (error) {
        if (!(error instanceof CronSyntaxError)) throw error;
        ctx.report(cron, `invalid cron "${cron.value}": ${error.message}`);
        continue;
      }
      const [minutes, hours, daysOfMonth, months] = sets as [Set<number>, Set<number>, Set<number>, Set<number>];
      if (neverRuns(daysOfMonth, months, parts[4] ?? "*")) {
        ctx.report(cron, `cron "${cron.value}" never runs: no chosen month has that day`, {
          hint: "check the day-of-month and month fields",
        });
        continue;
      }
      const interval = smallestInterval(minutes, hours);
      if (interval < 5) {
        ctx.report(
          cron,
          `cron "${cron.value}" runs every ${interval} minute${interval === 1 ? "" : "s"}; GitHub runs schedules at most every 5 minutes`,
          {
            severity: "warning",
            hint: "use an interval of 5 minutes or more, e.g. '*/5 * * * *'",
          },
        );
      }
    }
  },
};

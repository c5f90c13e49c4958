import { cronRule, expandCronField } from "../../../src/validate/rules/rule-cron.js";
import { lintLines } from "./harness.js";

function wf(cron: string): string {
  return `on:\n  schedule:\n    - cron: "${cron}"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;
}

describe("[cron]", () => {
  test.each([
    ["0 0 * * *"],
    ["*/5 * * * *"],
    ["30 5 * * 1-5"],
    ["15 4 1,15 JAN-MAR MON"],
    ["0 */6 * * sun"],
    ["5/15 * * * *"],
    ["59 23 31 12 6"],
  ])("accepts %s", (cron) => {
    expect(lintLines(cronRule, wf(cron))).toEqual([]);
  });

  test.each([
    ["0 0 * *", "has 4 fields"],
    ["0 24 * * *", "24 is out of range 0-23 in the hour field"],
    ["0 0 0 * *", "0 is out of range 1-31 in the day of month field"],
    ["0 0 * * 7", "7 is out of range 0-6 in the day of week field"],
    ["0 0 * FOO *", '"FOO" in the month field is not a number'],
    ["*/0 * * * *", 'step "0" in the minute field must be a positive number'],
    ["0 0 * * 5-1", "goes backwards"],
    ["1,,2 * * * *", "empty list item"],
    ["0 0 * * 1-2-3", "not a valid range"],
  ])("rejects %s", (cron, fragment) => {
    const lines = lintLines(cronRule, wf(cron));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(fragment);
    expect(lines[0]).toMatch(/^3:13: /);
  });

  test("warns, not errors, for schedules under 5 minutes, counting the wrap over the hour", () => {
    expect(lintLines(cronRule, wf("* * * * *"))).toEqual([
      '3:13: cron "* * * * *" runs every 1 minute; GitHub runs schedules at most every 5 minutes [cron] (warning)',
    ]);
    expect(lintLines(cronRule, wf("0,58 * * * *"))[0]).toContain("every 2 minutes");
    expect(lintLines(cronRule, wf("0,58 3 * * *"))).toEqual([]);
    expect(lintLines(cronRule, wf("0,5,10 * * * *"))).toEqual([]);
  });

  test("a day no chosen month has never runs, unless a weekday is also chosen", () => {
    expect(lintLines(cronRule, wf("0 0 30 2 *"))).toEqual([
      '3:13: cron "0 0 30 2 *" never runs: no chosen month has that day [cron]',
    ]);
    expect(lintLines(cronRule, wf("0 0 31 4,6 *"))).toHaveLength(1);
    expect(lintLines(cronRule, wf("0 0 31 4,5 *"))).toEqual([]);
    expect(lintLines(cronRule, wf("0 0 29 2 *"))).toEqual([]);
    expect(lintLines(cronRule, wf("0 0 30 2 1"))).toEqual([]);
  });

  test("expands fields like GitHub does", () => {
    expect([...expandCronField("1-10/3", { name: "minute", min: 0, max: 59 })]).toEqual([1, 4, 7, 10]);
    expect([
      ...expandCronField("MON,fri", {
        name: "dow",
        min: 0,
        max: 6,
        names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
      }),
    ]).toEqual([1, 5]);
  });
});

import { ConfigurationError } from "../../src/common/errors.js";
import type { CheckResult, Status } from "../../src/common/result.js";
import { parseChecks, planChecks, resultAnnotations, runHealth, stepFailure, summarize } from "../../src/health/run.js";

function result(id: string, status: Status, kind: CheckResult["kind"] = "pm2"): CheckResult {
  return { id, kind, status, summary: `${id} is ${status}`, details: [] };
}

test("parseChecks: empty means all, order is fixed, duplicates and case are folded, unknown names the input", () => {
  expect(parseChecks([])).toEqual(["validate", "pm2"]);
  expect(parseChecks(["PM2", "validate", "pm2"])).toEqual(["validate", "pm2"]);
  expect(() => parseChecks(["validate", "netlify"])).toThrow(ConfigurationError);
  expect(() => parseChecks(["netlify"])).toThrow("checks: unknown check 'netlify' (known: validate, pm2)");
});

test("planChecks: pm2 runs only with hosts; validate always when selected", () => {
  expect(planChecks(["validate", "pm2"], 0)).toEqual({
    checks: ["validate"],
    skipped: ["pm2: no hosts in pm2.hosts of the config, skipped"],
  });
  expect(planChecks(["validate", "pm2"], 2)).toEqual({ checks: ["validate", "pm2"], skipped: [] });
  expect(planChecks(["pm2"], 1)).toEqual({ checks: ["pm2"], skipped: [] });
});

test("runHealth: runs only the planned checks, in order, and takes the worst status", async () => {
  const ran: string[] = [];
  const report = await runHealth(
    { checks: ["validate", "pm2"], skipped: [] },
    {
      validate: async () => {
        ran.push("validate");
        return [result("validate/a.yml", "ok", "validate"), result("validate/b.yml", "warn", "validate")];
      },
      pm2: async () => {
        ran.push("pm2");
        return [result("pm2/web-1", "unknown"), result("pm2/web-1/api", "fail")];
      },
    },
  );
  expect(ran).toEqual(["validate", "pm2"]);
  expect(report.results.map((r) => r.id)).toEqual(["validate/a.yml", "validate/b.yml", "pm2/web-1", "pm2/web-1/api"]);
  expect(report.status).toBe("fail");
  expect(report.failed).toBe(1);

  const only = await runHealth(
    { checks: ["validate"], skipped: [] },
    {
      validate: async () => [],
      pm2: async () => {
        throw new Error("pm2 must not run");
      },
    },
  );
  expect(only).toEqual({ results: [], status: "ok", failed: 0 });
});

test("stepFailure: fail-on fail / warn / never", () => {
  const failing = summarize([result("a", "fail"), result("b", "fail"), result("c", "ok")]);
  const warning = summarize([result("a", "ok"), result("b", "warn")]);
  const unknown = summarize([result("a", "unknown")]);
  const clean = summarize([result("a", "ok")]);
  expect(stepFailure(failing, "fail")).toBe("2 health checks failing");
  expect(stepFailure(failing, "warn")).toBe("2 health checks failing");
  expect(stepFailure(failing, "never")).toBeUndefined();
  expect(stepFailure(warning, "fail")).toBeUndefined();
  expect(stepFailure(warning, "warn")).toBe("1 health check with warnings (fail-on: warn)");
  expect(stepFailure(unknown, "fail")).toBeUndefined();
  expect(stepFailure(unknown, "warn")).toBe("1 health check with warnings (fail-on: warn)");
  expect(stepFailure(clean, "warn")).toBeUndefined();
});

test("resultAnnotations: none for ok; validate results point at their file", () => {
  expect(
    resultAnnotations([
      result("pm2/web-1/api", "ok"),
      result("pm2/web-1/db", "unknown"),
      result("pm2/web-1/web", "fail"),
      result("validate/.github/workflows/ci.yml", "warn", "validate"),
    ]),
  ).toEqual([
    { severity: "warning", message: "pm2/web-1/db: pm2/web-1/db is unknown", title: "redundancy health" },
    { severity: "error", message: "pm2/web-1/web: pm2/web-1/web is fail", title: "redundancy health" },
    {
      severity: "warning",
      message: "validate/.github/workflows/ci.yml is warn",
      title: "redundancy health",
      file: ".github/workflows/ci.yml",
    },
  ]);
});

/**
 * The runner adapter against the real @actions/core: what it writes to stdout is what the
 * runner reads (workflow commands), so that is what is asserted.
 */
import { ConfigurationError } from "../../src/common/errors.js";
import { getBooleanInput, getRequiredInput } from "../../src/common/inputs.js";
import { Redactor } from "../../src/common/redact.js";
import { registerSecret, runAction, RunnerLogger, runnerInputReader } from "../../src/common/runner.js";

/** Runs fn while capturing process.stdout writes. */
async function captureStdout(fn: () => unknown): Promise<string[]> {
  const lines: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(
      ...String(chunk)
        .split(/\r?\n/)
        .filter((l) => l !== ""),
    );
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = original;
  }
  return lines;
}

const savedExitCode = process.exitCode;
afterEach(() => {
  process.exitCode = savedExitCode;
  delete process.env.INPUT_DRY_RUN;
  delete process.env["INPUT_SSH-KEY"];
});

test("runnerInputReader reads INPUT_<NAME> as the runner sets it", () => {
  process.env.INPUT_DRY_RUN = " yes ";
  process.env["INPUT_SSH-KEY"] = "key";
  expect(getBooleanInput(runnerInputReader, "dry_run")).toBe(true);
  expect(getRequiredInput(runnerInputReader, "ssh-key")).toBe("key");
  expect(() => getRequiredInput(runnerInputReader, "missing")).toThrow("input missing: is required");
});

test("RunnerLogger: levels, and warnings/errors with a file become annotations", async () => {
  const logger = new RunnerLogger();
  const lines = await captureStdout(() => {
    logger.debug("dbg");
    logger.info("plain info");
    logger.warning("deprecated", { file: "a.yml", line: 3, column: 5 });
    logger.error("unreachable", { key: "host web-1" });
    logger.error("broken, really: 100%", { file: "b.yml", line: 1 });
  });
  expect(lines).toEqual([
    "::debug::dbg",
    "plain info",
    "::warning file=a.yml,line=3,col=5::deprecated",
    "::error::host web-1: unreachable",
    "::error file=b.yml,line=1::broken, really: 100%25",
  ]);
});

test("registerSecret masks on the runner (whole and per line) and feeds the redactor", async () => {
  const redactor = new Redactor();
  const lines = await captureStdout(() => registerSecret("line-one-secret\nline-two-secret\n}", redactor));
  expect(lines).toEqual([
    "::add-mask::line-one-secret%0Aline-two-secret%0A}",
    "::add-mask::line-one-secret",
    "::add-mask::line-two-secret",
  ]);
  expect(redactor.redact("x line-two-secret y")).toBe("x *** y");
  expect(await captureStdout(() => registerSecret("", redactor))).toEqual([]);
});

describe("runAction", () => {
  test("success returns 0 and leaves the exit code alone", async () => {
    let ran = false;
    const lines = await captureStdout(async () => {
      expect(
        await runAction(async () => {
          ran = true;
        }),
      ).toBe(0);
    });
    expect(ran).toBe(true);
    expect(lines).toEqual([]);
  });

  test("a ConfigurationError fails the step with its message and no stack", async () => {
    let code = -1;
    const lines = await captureStdout(async () => {
      code = await runAction(async () => {
        throw new ConfigurationError("must be a duration", { key: "input timeout" });
      });
    });
    expect(code).toBe(1);
    expect(process.exitCode).toBe(1);
    expect(lines).toEqual(["::error::input timeout: must be a duration"]);
  });

  test("a bug fails the step with its message; the stack goes to debug; secrets are redacted", async () => {
    const redactor = new Redactor(["bug-secret-value"]);
    let code = -1;
    const lines = await captureStdout(async () => {
      code = await runAction(
        async () => {
          throw new TypeError("cannot read x of bug-secret-value");
        },
        { redactor },
      );
    });
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^::debug::TypeError: cannot read x of \*\*\*%0A\s+at /);
    expect(lines[lines.length - 1]).toBe("::error::cannot read x of ***");
    expect(lines.join("\n")).not.toContain("bug-secret-value");
  });

  test("a main that set a failing exit code itself keeps it", async () => {
    const code = await runAction(async () => {
      process.exitCode = 1;
    });
    expect(code).toBe(1);
  });
});

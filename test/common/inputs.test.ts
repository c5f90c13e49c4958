import { ConfigurationError } from "../../src/common/errors.js";
import {
  getBooleanInput,
  getChoiceInput,
  getDurationInput,
  getIntegerInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
  getSizeInput,
  mapInputReader,
  type InputReader,
} from "../../src/common/inputs.js";

function one(name: string, value: string): InputReader {
  return mapInputReader({ [name]: value });
}

function thrown(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("mapInputReader", () => {
  test("matches names the way the runner does (case, spaces and dashes)", () => {
    const read = mapInputReader({ "ssh-key": "k", "Known Hosts": "h" });
    expect(read("SSH_KEY")).toBe("k");
    expect(read("known-hosts")).toBe("h");
    expect(read("missing")).toBe("");
  });
});

describe("required and optional", () => {
  test("trimmed values", () => {
    expect(getRequiredInput(one("host", "  web-1 \n"), "host")).toBe("web-1");
    expect(getOptionalInput(one("host", " web-1 "), "host")).toBe("web-1");
    expect(getOptionalInput(one("host", "   "), "host")).toBeUndefined();
  });

  test("a missing required input names the input", () => {
    const e = thrown(() => getRequiredInput(one("x", ""), "ssh-key"));
    expect(e.message).toBe("input ssh-key: is required");
    expect(e.location.key).toBe("input ssh-key");
  });
});

describe("getBooleanInput", () => {
  test.each([
    ["true", true],
    ["TRUE", true],
    ["Yes", true],
    ["1", true],
    ["on", true],
    ["false", false],
    ["False", false],
    ["no", false],
    ["0", false],
    ["OFF", false],
  ])("%s -> %s", (raw, expected) => {
    expect(getBooleanInput(one("flag", raw), "flag")).toBe(expected);
  });

  test("empty uses the default, or is required", () => {
    expect(getBooleanInput(one("flag", ""), "flag", { default: true })).toBe(true);
    expect(thrown(() => getBooleanInput(one("flag", ""), "flag")).message).toBe("input flag: is required");
  });

  test("anything else names the input and the value", () => {
    const e = thrown(() => getBooleanInput(one("dry-run", "maybe"), "dry-run"));
    expect(e.message).toBe('input dry-run: must be true or false (also yes/no, on/off, 1/0), got "maybe"');
    expect(e.location.key).toBe("input dry-run");
  });
});

describe("getListInput", () => {
  test("newlines and commas, trimmed, empties dropped", () => {
    expect(getListInput(one("hosts", "web-1, web-2\n\n  db-1 ,,\r\nweb-3\n"), "hosts")).toEqual([
      "web-1",
      "web-2",
      "db-1",
      "web-3",
    ]);
    expect(getListInput(one("hosts", ""), "hosts")).toEqual([]);
  });
});

describe("getDurationInput", () => {
  test.each([
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["250ms", 250],
    ["30", 30_000],
    ["1.5", 1500],
  ])("%s -> %d ms", (raw, ms) => {
    expect(getDurationInput(one("timeout", raw), "timeout")).toBe(ms);
  });

  test("default and bad values", () => {
    expect(getDurationInput(one("timeout", ""), "timeout", { default: 1000 })).toBe(1000);
    for (const bad of ["soon", "5 minutes", "-5s", "5x", "m"]) {
      const e = thrown(() => getDurationInput(one("timeout", bad), "timeout"));
      expect(e.message).toBe(`input timeout: must be a duration such as 90s, 5m or 1h30m, got ${JSON.stringify(bad)}`);
    }
  });
});

describe("getSizeInput", () => {
  test("binary units, bare bytes", () => {
    expect(getSizeInput(one("max-memory", "512M"), "max-memory")).toBe(512 * 1024 * 1024);
    expect(getSizeInput(one("max-memory", "1.5G"), "max-memory")).toBe(1.5 * 1024 ** 3);
    expect(getSizeInput(one("max-memory", "300K"), "max-memory")).toBe(300 * 1024);
    expect(getSizeInput(one("max-memory", "2048"), "max-memory")).toBe(2048);
  });

  test("bad values name the input", () => {
    const e = thrown(() => getSizeInput(one("max-memory", "512Q"), "max-memory"));
    expect(e.message).toBe('input max-memory: must be a size such as 512M, 1G or 300K, got "512Q"');
  });
});

describe("getIntegerInput", () => {
  test("whole numbers within bounds", () => {
    expect(getIntegerInput(one("attempts", "3"), "attempts", { min: 1, max: 10 })).toBe(3);
    expect(getIntegerInput(one("attempts", "-2"), "attempts")).toBe(-2);
    expect(getIntegerInput(one("attempts", ""), "attempts", { default: 5 })).toBe(5);
  });

  test("not a whole number, or out of range", () => {
    expect(thrown(() => getIntegerInput(one("attempts", "2.5"), "attempts")).message).toBe(
      'input attempts: must be a whole number, got "2.5"',
    );
    expect(thrown(() => getIntegerInput(one("attempts", "three"), "attempts")).message).toBe(
      'input attempts: must be a whole number, got "three"',
    );
    expect(thrown(() => getIntegerInput(one("attempts", "0"), "attempts", { min: 1, max: 10 })).message).toBe(
      'input attempts: must be between 1 and 10, got "0"',
    );
    expect(thrown(() => getIntegerInput(one("attempts", "11"), "attempts", { max: 10 })).message).toBe(
      'input attempts: must be at most 10, got "11"',
    );
    expect(thrown(() => getIntegerInput(one("attempts", "0"), "attempts", { min: 1 })).message).toBe(
      'input attempts: must be at least 1, got "0"',
    );
  });
});

describe("getChoiceInput", () => {
  const formats = ["text", "json", "sarif"] as const;
  test("case-insensitive, returns the canonical spelling", () => {
    const f: "text" | "json" | "sarif" = getChoiceInput(one("format", "JSON"), "format", formats);
    expect(f).toBe("json");
    expect(getChoiceInput(one("format", ""), "format", formats, { default: "text" })).toBe("text");
  });

  test("lists the choices when wrong", () => {
    expect(thrown(() => getChoiceInput(one("format", "xml"), "format", formats)).message).toBe(
      'input format: must be one of text, json, sarif, got "xml"',
    );
  });
});

describe("secrets are never echoed", () => {
  test("a secret input's bad value stays out of the message", () => {
    const e = thrown(() => getIntegerInput(one("pin", "hunter2-secret"), "pin", { secret: true }));
    expect(e.message).toBe("input pin: must be a whole number");
    expect(e.message).not.toContain("hunter2");
  });

  test("long values are shortened in messages", () => {
    const e = thrown(() => getBooleanInput(one("flag", "x".repeat(500)), "flag"));
    expect(e.message.length).toBeLessThan(200);
  });
});

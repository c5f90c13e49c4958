import { formatDuration, formatSize, parseDuration, parseSize } from "../../src/common/units.js";

describe("parseDuration", () => {
  test.each([
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["250ms", 250],
    ["2d", 172_800_000],
    ["10sec", 10_000],
    ["3min", 180_000],
    ["1.5h", 5_400_000],
    ["  45S  ", 45_000],
    ["30", 30_000],
    ["0", 0],
  ])("%s -> %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test("a number is seconds", () => {
    expect(parseDuration(12)).toBe(12_000);
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
  });

  test.each(["", "abc", "5 m", "5x", "-5s", "m5", "1h 30m", "5s!"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe("parseSize", () => {
  test.each([
    ["512M", 512 * 1024 ** 2],
    ["512MB", 512 * 1024 ** 2],
    ["1.5G", 1.5 * 1024 ** 3],
    ["300K", 300 * 1024],
    ["300kib", 300 * 1024],
    ["1T", 1024 ** 4],
    ["1024", 1024],
    ["10 B", 10],
  ])("%s -> %d bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  test.each(["", "big", "512Q", "-1M", "M", "1.2.3G"])("rejects %j", (text) => {
    expect(parseSize(text)).toBeUndefined();
  });

  test("a number is bytes", () => {
    expect(parseSize(100)).toBe(100);
    expect(parseSize(-5)).toBeUndefined();
  });
});

describe("formatting", () => {
  test("durations", () => {
    expect(formatDuration(250)).toBe("250ms");
    expect(formatDuration(0)).toBe("0ms");
    expect(formatDuration(90_000)).toBe("1m30s");
    expect(formatDuration(3_600_000)).toBe("1h");
    expect(formatDuration(90_061_000)).toBe("1d1h1m1s");
  });

  test("sizes", () => {
    expect(formatSize(512)).toBe("512B");
    expect(formatSize(1536)).toBe("1.5KiB");
    expect(formatSize(512 * 1024 ** 2)).toBe("512.0MiB");
  });

  test("round trip: formatted durations parse back", () => {
    for (const ms of [1000, 61_000, 3_600_000, 90_061_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});

import { describe, expect, it } from "vitest";
import { MAX_TIMEOUT_MS, parseDuration, SINCE_RULE, TIMEOUT_RULE } from "./duration";

describe("parseDuration", () => {
  it("parses minutes, hours and days for --since", () => {
    expect(parseDuration("90m")).toBe(90 * 60_000);
    expect(parseDuration("36h", SINCE_RULE)).toBe(36 * 3_600_000);
    expect(parseDuration("7d")).toBe(7 * 86_400_000);
    expect(parseDuration("90d")).toBe(90 * 86_400_000);
  });
  it.each(["7", "d", "7w", "30s", "-1d", "0h", "1.5d", "91d", " ", "99999999999999999999d"])(
    "rejects --since %s",
    (text) => {
      expect(() => parseDuration(text)).toThrow(/invalid duration/);
    },
  );
  it("parses --timeout units, a bare number as seconds, up to 24 days", () => {
    expect(parseDuration("300", TIMEOUT_RULE)).toBe(300_000);
    expect(parseDuration("500ms", TIMEOUT_RULE)).toBe(500);
    expect(parseDuration("10m", TIMEOUT_RULE)).toBe(600_000);
    expect(parseDuration("24d", TIMEOUT_RULE)).toBe(MAX_TIMEOUT_MS);
    expect(MAX_TIMEOUT_MS).toBeLessThanOrEqual(2 ** 31 - 1);
  });
  it.each(["597h", "25d", "2147483648ms", "-5s", "0", "5w"])("rejects --timeout %s", (text) => {
    expect(() => parseDuration(text, TIMEOUT_RULE)).toThrow(/invalid duration/);
  });
  it("names the limit and the sign", () => {
    expect(() => parseDuration("597h", TIMEOUT_RULE)).toThrow(
      'invalid duration "597h": at most 24d',
    );
    expect(() => parseDuration("-5d")).toThrow(/must not be negative/);
  });
});

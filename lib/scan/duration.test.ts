import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration";

describe("parseDuration", () => {
  it("parses minutes, hours and days", () => {
    expect(parseDuration("90m")).toBe(90 * 60_000);
    expect(parseDuration("36h")).toBe(36 * 3_600_000);
    expect(parseDuration("7d")).toBe(7 * 86_400_000);
    expect(parseDuration("90d")).toBe(90 * 86_400_000);
  });
  it.each(["7", "d", "7w", "-1d", "0h", "1.5d", "91d"])("rejects %s", (text) => {
    expect(() => parseDuration(text)).toThrow(/invalid duration/);
  });
});

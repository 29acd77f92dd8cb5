import { describe, expect, it } from "vitest";
import { parseSince, resolveTrailWindow } from "./window";

const now = new Date("2026-11-24T12:00:00Z");
const iso = (date: Date) => date.toISOString();

describe("parseSince", () => {
  it.each([
    ["30m", "2026-11-24T11:30:00.000Z"],
    ["36h", "2026-11-23T00:00:00.000Z"],
    ["7d", "2026-11-17T12:00:00.000Z"],
    ["2w", "2026-11-10T12:00:00.000Z"],
    ["2026-11-01", "2026-11-01T00:00:00.000Z"],
    ["2026-11-20T10:00:00Z", "2026-11-20T10:00:00.000Z"],
  ])("%s", (value, expected) => {
    expect(parseSince(value, now)?.toISOString()).toBe(expected);
  });

  it.each(["", "7", "d", "7y", "yesterday", "2026-13-45"])("rejects %j", (value) => {
    expect(parseSince(value, now)).toBeNull();
  });
});

describe("resolveTrailWindow", () => {
  it.each([
    [
      "since wins over the previous snapshot",
      { since: "1d", previousSnapshotAt: "2026-11-01T00:00:00Z" },
      "2026-11-23T12:00:00.000Z",
      false,
    ],
    [
      "previous snapshot when no since",
      { previousSnapshotAt: "2026-11-20T08:00:00Z" },
      "2026-11-20T08:00:00.000Z",
      false,
    ],
    [
      "previous snapshot as a Date",
      { previousSnapshotAt: new Date("2026-11-22T00:00:00Z") },
      "2026-11-22T00:00:00.000Z",
      false,
    ],
    ["90 days when nothing is known", {}, "2026-08-26T12:00:00.000Z", false],
    ["clamped to 90 days", { since: "120d" }, "2026-08-26T12:00:00.000Z", true],
    [
      "old previous snapshot clamped",
      { previousSnapshotAt: "2025-01-01T00:00:00Z" },
      "2026-08-26T12:00:00.000Z",
      true,
    ],
    [
      "a future start collapses to now",
      { since: "2027-01-01T00:00:00Z" },
      "2026-11-24T12:00:00.000Z",
      false,
    ],
  ] as const)("%s", (_label, input, from, clamped) => {
    const window = resolveTrailWindow({ ...input, now });
    expect(iso(window.from)).toBe(from);
    expect(iso(window.to)).toBe(iso(now));
    expect(window.clamped).toBe(clamped);
  });

  it("throws a RangeError for an unparsable since", () => {
    expect(() => resolveTrailWindow({ since: "last tuesday", now })).toThrow(RangeError);
  });
});

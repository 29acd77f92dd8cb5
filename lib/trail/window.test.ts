import { describe, expect, it } from "vitest";
import { DurationError } from "../domain/duration";
import { resolveTrailWindow } from "./window";

const now = new Date("2026-11-24T12:00:00Z");
const iso = (date: Date) => date.toISOString();

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
    ["since 30m", { since: "30m" }, "2026-11-24T11:30:00.000Z", false],
    ["since 36h", { since: "36h" }, "2026-11-23T00:00:00.000Z", false],
    ["since 90d, the whole retention", { since: "90d" }, "2026-08-26T12:00:00.000Z", false],
    [
      "old previous snapshot clamped",
      { previousSnapshotAt: "2025-01-01T00:00:00Z" },
      "2026-08-26T12:00:00.000Z",
      true,
    ],
    [
      "a future start collapses to now",
      { previousSnapshotAt: "2027-01-01T00:00:00Z" },
      "2026-11-24T12:00:00.000Z",
      false,
    ],
  ] as const)("%s", (_label, input, from, clamped) => {
    const window = resolveTrailWindow({ ...input, now });
    expect(iso(window.from)).toBe(from);
    expect(iso(window.to)).toBe(iso(now));
    expect(window.clamped).toBe(clamped);
  });

  // The one duration grammar (lib/domain/duration.ts), as `--since` documents it.
  it.each(["last tuesday", "2w", "7", "2026-11-01", "120d"])("refuses since %j", (since) => {
    expect(() => resolveTrailWindow({ since, now })).toThrow(DurationError);
  });

  it("throws a RangeError for an unreadable previous snapshot time", () => {
    expect(() => resolveTrailWindow({ previousSnapshotAt: "yesterday", now })).toThrow(RangeError);
  });
});

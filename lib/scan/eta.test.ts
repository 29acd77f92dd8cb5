import { describe, expect, it } from "vitest";
import { estimateRemainingMs } from "./eta";

describe("estimateRemainingMs", () => {
  it("is bound by the slowest bucket, not by the overall rate", () => {
    // 599 small regions done in 2 s, one large region at 5 keys/s with 990 keys left.
    const small = Array.from({ length: 599 }, () => ({ total: 10, done: 10, elapsedMs: 2_000 }));
    const large = { total: 1_000, done: 10, elapsedMs: 2_000 };
    expect(estimateRemainingMs([...small, large])).toBe(198_000);
    // What `elapsed / read × remaining` would have said: about 0.2 s.
    const read = 599 * 10 + 10;
    expect(Math.round((2_000 / read) * 990)).toBe(330);
  });

  it("takes the largest time left over buckets that each run at their own rate", () => {
    expect(
      estimateRemainingMs([
        { total: 100, done: 50, elapsedMs: 10_000 }, // 5/s, 50 left: 10 s
        { total: 400, done: 100, elapsedMs: 10_000 }, // 10/s, 300 left: 30 s
        { total: 30, done: 30, elapsedMs: 1_000 },
      ]),
    ).toBe(30_000);
  });

  it("is no sooner than the work left at the scan's own pace when most buckets have not started", () => {
    // 10 regions reading at 5 keys/s each for 2 s; 90 more waiting for key slots.
    const active = Array.from({ length: 10 }, () => ({ total: 100, done: 10, elapsedMs: 2_000 }));
    const waiting = Array.from({ length: 90 }, () => ({ total: 100, done: 0, elapsedMs: 2_000 }));
    // Slowest bucket alone: 18 s (or 20 s for a waiting one); the pace, 50 keys/s: 198 s.
    expect(estimateRemainingMs([...active, ...waiting])).toBe(198_000);
  });

  it("assumes a bucket without enough samples is as slow as the slowest measured one", () => {
    expect(
      estimateRemainingMs([
        { total: 20, done: 20, elapsedMs: 4_000 }, // finished at 5/s
        { total: 60, done: 30, elapsedMs: 3_000 }, // 10/s
        { total: 50, done: 1, elapsedMs: 3_000 }, // too few: 49 keys at 5/s
      ]),
    ).toBe(9_800);
  });

  it("is null while nothing has been measured, and 0 when every bucket is done", () => {
    expect(estimateRemainingMs([{ total: 50, done: 2, elapsedMs: 500 }])).toBeNull();
    expect(estimateRemainingMs([{ total: 5, done: 5, elapsedMs: 500 }])).toBe(0);
    expect(estimateRemainingMs([])).toBe(0);
  });
});

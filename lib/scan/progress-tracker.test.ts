import { describe, expect, it } from "vitest";
import { ProgressTracker } from "./progress-tracker";
import type { ScanProgress } from "./types";

describe("ProgressTracker", () => {
  it("counts an account done when its last region is, and estimates from the slowest region", () => {
    let now = 0;
    const events: ScanProgress[] = [];
    const tracker = new ProgressTracker(
      (e) => events.push(e),
      () => now,
      0,
    );
    const regions = ["a", "b"].flatMap((account) =>
      ["r1", "r2"].map((region) => ({ account, region })),
    );
    tracker.planRegions(regions);
    tracker.planReads([
      { account: "a", region: "r1", keys: 4 },
      { account: "a", region: "r2", keys: 0 },
      { account: "b", region: "r1", keys: 100 },
      { account: "b", region: "r2", keys: 0 },
    ]);
    tracker.setPhase("read");
    tracker.countRegionDone("a", "r2");
    tracker.countRegionDone("b", "r2");
    now = 1_000;
    for (let i = 0; i < 4; i++) tracker.countKeyRead("a", "r1");
    for (let i = 0; i < 5; i++) tracker.countKeyRead("b", "r1");
    tracker.countRegionDone("a", "r1");
    expect(tracker.snapshot()).toMatchObject({
      accountsDone: 1,
      accountsTotal: 2,
      regionsDone: 3,
      regionsTotal: 4,
      keysRead: 9,
      keysTotal: 104,
      // b/r1 reads 5 keys/s with 95 left; the overall rate (9 keys/s) would say about 10.6 s.
      etaMs: 19_000,
    });
    tracker.countRegionDone("b", "r1");
    expect(tracker.snapshot()).toMatchObject({ accountsDone: 2, etaMs: 0 });
    expect(events.at(-1)?.accountsDone).toBe(2);
  });

  it("drops the keys a failed region will never read from the total, so a finished scan reads N/N", () => {
    const tracker = new ProgressTracker(undefined, () => 0, 0);
    tracker.planRegions([
      { account: "a", region: "r1" },
      { account: "a", region: "r2" },
    ]);
    tracker.planReads([
      { account: "a", region: "r1", keys: 10 },
      { account: "a", region: "r2", keys: 6 },
    ]);
    tracker.setPhase("read");
    for (let i = 0; i < 10; i++) tracker.countKeyRead("a", "r1");
    tracker.countRegionDone("a", "r1");
    // r2 fails after two of its six keys.
    tracker.countKeyRead("a", "r2");
    tracker.countKeyRead("a", "r2");
    tracker.countRegionDone("a", "r2");
    expect(tracker.snapshot()).toMatchObject({ keysRead: 12, keysTotal: 12, regionsDone: 2 });
  });
});

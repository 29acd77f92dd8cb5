import { describe, expect, it } from "vitest";
import { runPool } from "./run-pool";

describe("runPool", () => {
  it("keeps input order with at most `concurrency` in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await runPool([5, 1, 3, 2, 4], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
  });

  it("after the first failure no worker starts another item", async () => {
    let started = 0;
    let startedBeforeFailure = -1;
    const items = Array.from({ length: 100 }, (_, i) => i);
    const run = runPool(items, 4, async (i) => {
      started += 1;
      await new Promise((resolve) => setTimeout(resolve, 1 + (i % 3)));
      if (i === 5) {
        startedBeforeFailure = started;
        throw new Error("connect ECONNREFUSED");
      }
      return i;
    });
    await expect(run).rejects.toThrow("connect ECONNREFUSED");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(startedBeforeFailure).toBeGreaterThan(5);
    expect(started).toBe(startedBeforeFailure);
  });
});

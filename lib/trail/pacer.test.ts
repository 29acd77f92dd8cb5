import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLookupPacer } from "./pacer";

/** A fake clock whose sleep advances time instead of waiting. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += Math.max(ms, 0);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

function maxStartsInAnySecond(starts: number[]): number {
  let most = 0;
  for (const [i, start] of starts.entries()) {
    most = Math.max(most, starts.filter((other, j) => j >= i && other < start + 1000).length);
  }
  return most;
}

describe("createLookupPacer", () => {
  it("lets two requests start at once and holds the third a full window", async () => {
    const clock = fakeClock();
    const pace = createLookupPacer({ now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const release = await pace();
      starts.push(clock.now());
      release?.();
    }
    expect(starts.map((t) => t - 1_000_000)).toEqual([0, 0, 1000]);
  });

  it("counts the window from when a request finished, not from when it started", async () => {
    const clock = fakeClock(0);
    const pace = createLookupPacer({ now: clock.now, sleep: clock.sleep });
    const first = await pace();
    clock.advance(300); // the first request takes 300 ms
    first?.();
    (await pace())?.();
    await pace();
    expect(clock.now()).toBe(1300);
  });

  it("waits for a running request before starting the next-but-one", async () => {
    const clock = fakeClock(0);
    const pace = createLookupPacer({ now: clock.now, sleep: clock.sleep });
    const first = await pace();
    (await pace())?.();
    let thirdStarted = false;
    const third = pace().then(() => {
      thirdStarted = true;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(thirdStarted).toBe(false);
    clock.advance(5000);
    first?.();
    await third;
    expect(clock.now()).toBe(6000);
  });

  it("never lets 3 requests start within one second (200 concurrent callers)", async () => {
    const clock = fakeClock();
    const pace = createLookupPacer({ now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, () =>
        pace().then((release) => {
          starts.push(clock.now());
          release?.();
        }),
      ),
    );
    expect(starts).toHaveLength(200);
    expect(maxStartsInAnySecond(starts)).toBeLessThanOrEqual(2);
    // The bound is met, not overshot: 200 requests fit in ~100 windows.
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeLessThanOrEqual(100 * 1000);
  });

  it("holds the bound for arbitrary arrival gaps and durations", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 800 })), {
          minLength: 3,
          maxLength: 40,
        }),
        async (steps) => {
          const clock = fakeClock();
          const pace = createLookupPacer({ now: clock.now, sleep: clock.sleep });
          const starts: number[] = [];
          for (const [gap, duration] of steps) {
            clock.advance(gap);
            const release = await pace();
            starts.push(clock.now());
            clock.advance(duration);
            release?.();
          }
          return maxStartsInAnySecond(starts) <= 2;
        },
      ),
    );
  });

  it("re-checks the clock when a sleep returns early", async () => {
    let now = 0;
    const pace = createLookupPacer({
      now: () => now,
      // Each sleep advances only half of what was asked.
      sleep: async (ms) => {
        now += Math.ceil(ms / 2);
      },
    });
    (await pace())?.();
    (await pace())?.();
    await pace();
    expect(now).toBeGreaterThanOrEqual(1000);
  });

  it("does not wait forever on a request that never reports back", async () => {
    const clock = fakeClock(0);
    const pace = createLookupPacer({ now: clock.now, sleep: clock.sleep, maxHoldMs: 20 });
    await pace();
    await pace();
    await pace();
    expect(clock.now()).toBe(1000);
  });
});

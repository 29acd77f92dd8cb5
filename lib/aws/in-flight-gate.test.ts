import { describe, expect, it } from "vitest";
import { InFlightGate } from "./in-flight-gate";

describe("InFlightGate", () => {
  it("lets `limit` through, then one more per place given back, in arrival order", async () => {
    const gate = new InFlightGate(2);
    const first = await gate.acquire();
    const second = await gate.acquire();
    const order: number[] = [];
    const third = gate.acquire().then((release) => (order.push(3), release));
    const fourth = gate.acquire().then((release) => (order.push(4), release));
    await Promise.resolve();
    expect([gate.inFlight, order]).toEqual([2, []]);
    first();
    first(); // giving a place back twice frees it once
    const releaseThird = await third;
    expect([gate.inFlight, order]).toEqual([2, [3]]);
    second();
    (await fourth)();
    releaseThird();
    expect(gate.inFlight).toBe(0);
  });

  it("drops a waiter whose signal aborts, and never gives it a place", async () => {
    const gate = new InFlightGate(1);
    const held = await gate.acquire();
    const controller = new AbortController();
    const abandoned = gate.acquire(controller.signal);
    const next = gate.acquire();
    controller.abort(new Error("deadline exceeded"));
    await expect(abandoned).rejects.toThrow("deadline exceeded");
    held();
    (await next)();
    expect(gate.inFlight).toBe(0);
  });

  it("keeps at most `limit` in flight among thousands of concurrent requests", async () => {
    const gate = new InFlightGate(8);
    let peak = 0;
    await Promise.all(
      Array.from({ length: 5_000 }, async () => {
        const release = await gate.acquire();
        peak = Math.max(peak, gate.inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        release();
      }),
    );
    expect([peak, gate.inFlight]).toEqual([8, 0]);
  });
});

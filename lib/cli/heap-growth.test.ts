import { describe, expect, it } from "vitest";
import { z } from "zod";
import { boundHeapGrowth, CLI_HEAP_GROWING_PERCENT } from "./heap-growth";
import { runScriptForJson } from "./testing/run-script";

const churnSchema = z.object({ liveBytes: z.number(), maxTotalBytes: z.number() });

/** lib/cli/testing/heap-churn.ts in a node of its own. */
async function runChurn(): Promise<z.infer<typeof churnSchema>> {
  return churnSchema.parse(
    await runScriptForJson("lib/cli/testing/heap-churn.ts", ["--expose-gc"]),
  );
}

describe("boundHeapGrowth", () => {
  it("sets V8's heap growing factor when node was started without one", () => {
    const set: string[] = [];
    expect(boundHeapGrowth(["--import", "tsx"], (flags) => set.push(flags))).toBe(20);
    expect(set).toEqual([`--heap-growing-percent=${CLI_HEAP_GROWING_PERCENT}`]);
  });

  it("leaves the factor node was started with", () => {
    for (const own of ["--heap-growing-percent=100", "--heap_growing_percent=50"]) {
      const set: string[] = [];
      expect(boundHeapGrowth(["--import", "tsx", own], (flags) => set.push(flags))).toBeNull();
      expect(set).toEqual([]);
    }
  });

  // V8 left alone reserved 3.4× the live set of this churn (a scan's keys, and requests that live
  // long enough to be promoted); bounded, 1.7×.
  it("keeps the heap V8 reserves within 2.5× of what is live while garbage is promoted", async () => {
    const churn = await runChurn();
    expect(churn.maxTotalBytes).toBeLessThan(2.5 * churn.liveBytes);
  }, 60_000);
});

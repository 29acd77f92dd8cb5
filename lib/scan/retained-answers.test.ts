import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runScriptForJson } from "../cli/testing/run-script";

const retainedSchema = z.object({ policyBytes: z.number(), eventBytes: z.number() });

/** lib/scan/testing/retained-answers.ts in a node of its own (it needs --expose-gc). */
async function measureRetained(): Promise<z.infer<typeof retainedSchema>> {
  return retainedSchema.parse(
    await runScriptForJson("lib/scan/testing/retained-answers.ts", ["--expose-gc"]),
  );
}

describe("what a scan keeps of AWS's answers", () => {
  // Each parsed answer was a fresh copy of every string: 821 bytes per 804-byte policy and
  // 1,791 bytes per CloudTrail record (its request parameters repeat the policy text); the
  // strings AWS repeats are now kept once (about 460 and 580 bytes).
  it("keeps the strings repeated across keys' policies and CloudTrail events once", async () => {
    const retained = await measureRetained();
    expect(retained.policyBytes).toBeLessThan(600);
    expect(retained.eventBytes).toBeLessThan(900);
  }, 60_000);
});

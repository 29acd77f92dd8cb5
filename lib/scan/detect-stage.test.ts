import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config";
import { decryptFor, familyWithReplicaPolicy } from "../drift/test-fixtures";
import { cachedVerdictCount, comparePolicies } from "../policy/compare";
import { detectStage } from "./detect-stage";

describe("the detect stage", () => {
  it("decides a replica's policy drift, then leaves no policy verdict cached for the snapshot's lifetime", () => {
    const { keys } = familyWithReplicaPolicy((statements) => [
      ...statements,
      decryptFor("Exporter"),
    ]);
    const [reference, replica] = keys;
    if (!reference?.policy || !replica?.policy) throw new Error("fixture keys have policies");
    // The counter sees a verdict a comparison caches.
    comparePolicies(
      {
        policy: reference.policy,
        place: { partition: "aws", account: reference.account, region: reference.region },
      },
      {
        policy: replica.policy,
        place: { partition: "aws", account: replica.account, region: replica.region },
      },
    );
    expect(cachedVerdictCount()).toBeGreaterThan(0);

    const regions = keys.map((k) => ({
      account: k.account,
      region: k.region,
      status: "ok" as const,
      keyCount: 1,
      apiCalls: 1,
      throttledCalls: 0,
      durationMs: 1,
    }));
    const { findings } = detectStage(
      keys,
      regions,
      defaultConfig(),
      new Date("2026-11-30T00:00:00Z"),
    );
    expect(findings.filter((f) => f.property === "policy").map((f) => f.region)).toEqual([
      "eu-west-1",
    ]);
    expect(cachedVerdictCount()).toBe(0);
  });
});

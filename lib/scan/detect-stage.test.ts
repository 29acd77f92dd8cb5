import { describe, expect, it } from "vitest";
import { defaultConfig, pickDriftRules } from "../config";
import type { KeyRecord } from "../domain/key-record";
import { detectFindings } from "../drift/detect-findings";
import { coverageFromRegions } from "../drift/region-coverage";
import {
  ACCOUNT,
  decryptFor,
  familyWithReplicaPolicy,
  makeMrkFamily,
} from "../drift/test-fixtures";
import { cachedVerdictCount, comparePolicies } from "../policy/compare";
import { detectStage, FAMILIES_PER_MEMO_BATCH } from "./detect-stage";

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

describe("the detect stage over more families than one memo batch", () => {
  const now = new Date("2026-11-30T00:00:00Z");
  const familyCount = FAMILIES_PER_MEMO_BATCH * 2 + 7;

  /** `familyCount` multi-Region families, each replica's policy granting one more role. */
  function estate(): KeyRecord[] {
    return Array.from({ length: familyCount }, (_, i) => {
      const keyId = `mrk-${i.toString(16).padStart(32, "0")}`;
      const { keys } = makeMrkFamily(["us-east-1", "eu-west-1"], keyId);
      const replica = keys[1];
      const statements = replica?.policy?.Statement;
      if (replica?.policy === undefined || replica.policy === null || statements === undefined)
        throw new Error("fixture has a replica policy");
      replica.policy.Statement = [
        ...(Array.isArray(statements) ? statements : [statements]),
        decryptFor(`Exporter${String(i % 3)}`),
      ];
      return keys;
    }).flat();
  }

  it("finds, in the same order and with the same ids, what one pass over every family finds, waivers included", () => {
    const config = {
      ...defaultConfig(),
      // Expired: each finding it matches gets a notice, and the notices follow every finding.
      waivers: [{ match: { property: "policy" }, reason: "r", owner: "o", expires: "2026-01-01" }],
    };
    const keys = estate();
    const regions = ["us-east-1", "eu-west-1"].map((region) => ({
      account: ACCOUNT,
      region,
      status: "ok" as const,
      keyCount: familyCount,
      apiCalls: 1,
      throttledCalls: 0,
      durationMs: 1,
    }));
    const { families, findings } = detectStage(keys, regions, config, now);
    expect(families).toHaveLength(familyCount);
    expect(cachedVerdictCount()).toBe(0);

    const coverage = coverageFromRegions(regions, keys);
    const whole = detectFindings({
      keys,
      families,
      rules: pickDriftRules(config),
      lastUse: config.lastUse,
      now,
      coverage,
    });
    const policy = findings.filter((f) => f.property === "policy" && f.severity !== "info");
    expect(policy).toHaveLength(familyCount);
    expect(findings.filter((f) => f.title.startsWith("waiver expired:"))).toHaveLength(familyCount);
    expect(findings.slice(-familyCount).every((f) => f.title.startsWith("waiver expired:"))).toBe(
      true,
    );
    expect(findings.map((f) => f.id)).toEqual(whole.map((f) => f.id));
    expect(findings).toEqual(whole);
  });
});

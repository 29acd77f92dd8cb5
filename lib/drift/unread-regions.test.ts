import { describe, expect, it } from "vitest";
import type { RegionScan, RegionStatus } from "../domain/snapshot";
import { detectFindings } from "./detect-findings";
import { formFamilies } from "./families";
import { coverageFromRegions } from "./region-coverage";
import { emptyDriftRules, type DriftRules } from "./rules-schema";
import { ACCOUNT, arnOf, makeAliasFamily, makeMrkFamily } from "./test-fixtures";

const NOW = new Date("2026-06-01T12:00:00Z");
const DOWN = "connect ECONNREFUSED 127.0.0.1:4566";

/** The scan's regions: each `[region, status]`; a failed one carries the connection error. */
function coverage(regions: [string, RegionStatus][]) {
  const scans: Pick<RegionScan, "account" | "region" | "status" | "error">[] = regions.map(
    ([region, status]) => ({
      account: ACCOUNT,
      region,
      status,
      ...(status === "error" ? { error: DOWN } : {}),
    }),
  );
  return coverageFromRegions(scans);
}

describe("formFamilies with regions that failed", () => {
  it("a multi-Region family whose primary region failed: no reference, flagged reference-not-read", () => {
    const { keys } = makeMrkFamily(["us-east-1", "eu-west-1", "ap-southeast-2"]);
    const read = keys.filter((k) => k.region !== "us-east-1");
    const [family] = formFamilies(
      read,
      {},
      coverage([
        ["us-east-1", "error"],
        ["eu-west-1", "ok"],
        ["ap-southeast-2", "ok"],
      ]),
    );
    expect(family?.referenceRegion).toBeNull();
    expect(family?.flags).toEqual([
      "members-not-scanned",
      "not-scanned:us-east-1",
      "primary-not-scanned",
      "reference-not-read:us-east-1",
    ]);
  });

  it("a primary region left out of the scan is not flagged as failed", () => {
    const { keys } = makeMrkFamily(["us-east-1", "eu-west-1"]);
    const [family] = formFamilies(
      keys.filter((k) => k.region !== "us-east-1"),
      {},
      coverage([["eu-west-1", "ok"]]),
    );
    expect(family?.flags).toEqual([
      "members-not-scanned",
      "not-scanned:us-east-1",
      "primary-not-scanned",
    ]);
  });

  it.each<[string, [string, RegionStatus][], string | undefined, string | null, string[]]>([
    [
      "a failed region that would come first in name order",
      [
        ["ap-southeast-2", "error"],
        ["eu-west-1", "ok"],
        ["us-east-1", "ok"],
      ],
      undefined,
      null,
      ["reference-not-read:ap-southeast-2"],
    ],
    [
      "a failed region that comes after the reference",
      [
        ["eu-west-1", "ok"],
        ["sa-east-1", "error"],
        ["us-east-1", "ok"],
      ],
      undefined,
      "eu-west-1",
      [],
    ],
    [
      "the configured reference region failed",
      [
        ["eu-west-1", "ok"],
        ["us-east-1", "ok"],
        ["us-west-2", "error"],
      ],
      "us-west-2",
      null,
      ["reference-not-read:us-west-2"],
    ],
    [
      "the configured reference was read, a failed region comes first in name order",
      [
        ["ap-southeast-2", "error"],
        ["eu-west-1", "ok"],
        ["us-east-1", "ok"],
      ],
      "us-east-1",
      "us-east-1",
      [],
    ],
    [
      "a region that is not enabled comes first",
      [
        ["ap-east-1", "not-enabled"],
        ["eu-west-1", "ok"],
        ["us-east-1", "ok"],
      ],
      undefined,
      "eu-west-1",
      [],
    ],
  ])("alias family, %s", (_name, regions, preferred, referenceRegion, flags) => {
    const { keys } = makeAliasFamily(["eu-west-1", "us-east-1"]);
    const [family] = formFamilies(
      keys,
      preferred !== undefined ? { aliasFamilies: { referenceRegion: preferred } } : {},
      coverage(regions),
    );
    expect([family?.referenceRegion, family?.flags]).toEqual([referenceRegion, flags]);
  });

  it("a declared family: only a failed region that holds a declared key can be its reference", () => {
    const { keys } = makeAliasFamily(["eu-west-1", "us-east-1"]);
    const declared = (extraRegion: string) => ({
      declaredFamilies: [
        {
          name: "backup",
          keys: [
            ...keys.map((k) => k.arn),
            arnOf(extraRegion, "0000000x-aaaa-bbbb-cccc-dddddddddddd"),
          ],
        },
      ],
    });
    const regions = coverage([
      ["ap-southeast-2", "error"],
      ["eu-west-1", "ok"],
      ["us-east-1", "ok"],
    ]);
    const holds = formFamilies(keys, declared("ap-southeast-2"), regions).find(
      (f) => f.kind === "declared",
    );
    expect([holds?.referenceRegion, holds?.flags]).toEqual([
      null,
      ["members-not-found", "reference-not-read:ap-southeast-2"],
    ]);
    const elsewhere = formFamilies(keys, declared("us-west-2"), regions).find(
      (f) => f.kind === "declared",
    );
    expect([elsewhere?.referenceRegion, elsewhere?.flags]).toEqual([
      "eu-west-1",
      ["members-not-found"],
    ]);
  });
});

describe("detectFindings with regions that failed", () => {
  const rules = (over: Partial<DriftRules> = {}): DriftRules => ({ ...emptyDriftRules(), ...over });

  it("a family whose reference region failed gets one 'could not compare' finding instead of its drift", () => {
    const { keys } = makeMrkFamily(["us-east-1", "eu-west-1", "ap-southeast-2"]);
    const read = keys.filter((k) => k.region !== "us-east-1");
    const replica = read[0];
    if (replica) replica.metadata.Description = "drifted, but there is nothing to compare it with";
    const regions = coverage([
      ["us-east-1", "error"],
      ["eu-west-1", "ok"],
      ["ap-southeast-2", "ok"],
    ]);
    const families = formFamilies(read, {}, regions);
    const found = detectFindings({
      keys: read,
      families,
      rules: rules(),
      now: NOW,
      coverage: regions,
    });
    expect(found.map((f) => [f.property, f.severity, f.region, f.title])).toEqual([
      [
        "readability",
        "medium",
        "us-east-1",
        `could not compare: reference region us-east-1 was not read (error: ${DOWN})`,
      ],
    ]);
    expect(found[0]?.detail).toMatchObject({
      unread: "reference-region",
      referenceRegion: "us-east-1",
    });
    // The id does not depend on the error text: it stays the same while the region is down.
    const again = detectFindings({
      keys: read,
      families,
      rules: rules(),
      now: NOW,
      coverage: coverageFromRegions([
        { account: ACCOUNT, region: "us-east-1", status: "error", error: "deadline exceeded" },
      ]),
    });
    expect(again.map((f) => f.id)).toEqual(found.map((f) => f.id));
  });

  it("an alias family says its reference region may be the failed one", () => {
    const { keys } = makeAliasFamily(["eu-west-1", "us-east-1"]);
    const regions = coverage([
      ["ap-southeast-2", "error"],
      ["eu-west-1", "ok"],
      ["us-east-1", "ok"],
    ]);
    const families = formFamilies(keys, {}, regions);
    const found = detectFindings({ keys, families, rules: rules(), now: NOW, coverage: regions });
    expect(found.map((f) => f.title)).toEqual([
      `could not compare: the reference region may be ap-southeast-2, which was not read (error: ${DOWN})`,
    ]);
  });

  it("expected replicas: a failed or unscanned region is unknown, a region not enabled is missing", () => {
    const { family, keys } = makeMrkFamily(["us-east-1", "eu-west-1"]);
    const expected = rules({
      expectedReplicas: [
        {
          selector: { aliasPrefix: "alias/pay" },
          regions: ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1", "ap-east-1"],
        },
      ],
    });
    const found = detectFindings({
      keys,
      families: [family],
      rules: expected,
      now: NOW,
      coverage: coverage([
        ["us-east-1", "ok"],
        ["eu-west-1", "ok"],
        ["ap-southeast-2", "error"],
        ["ap-east-1", "not-enabled"],
      ]),
    });
    expect(found.map((f) => [f.property, f.region, f.title])).toEqual([
      ["replicaSet", "ap-east-1", "no key of the family in ap-east-1, which the config expects"],
    ]);
  });
});

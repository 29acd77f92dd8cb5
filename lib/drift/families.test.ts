import { describe, expect, it } from "vitest";
import type { KeyMetadata, KeyRecord } from "../domain/key-record";
import type { RegionListing } from "../domain/region-listing";
import { formFamilies, planFamilies } from "./families";
import { coverageFromRegions } from "./region-coverage";
import { customerKeyMetadata } from "../domain/testing/key-metadata";

const ACCOUNT = "111122223333";
const arnOf = (region: string, keyId: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/${keyId}`;

function listing(region: string, keys: string[], aliases: [string, string][] = []): RegionListing {
  return {
    account: ACCOUNT,
    region,
    keys: keys.map((keyId) => ({ keyId, arn: arnOf(region, keyId) })),
    aliases: aliases.map(([name, targetKeyId]) => ({ name, targetKeyId })),
  };
}

function record(
  region: string,
  keyId: string,
  extra: Partial<KeyMetadata> = {},
  aliases: string[] = [],
): KeyRecord {
  return {
    account: ACCOUNT,
    region,
    keyId,
    arn: arnOf(region, keyId),
    metadata: {
      ...customerKeyMetadata({ account: ACCOUNT, keyId, arn: arnOf(region, keyId) }),
      ...extra,
    },
    audited: true,
    policy: null,
    grants: [],
    aliases,
    tags: {},
    rotation: null,
    errors: [],
  };
}

const mrc = (
  type: "PRIMARY" | "REPLICA",
  primary: string | undefined,
  replicas: string[],
  keyId = "mrk-1",
) => ({
  MultiRegionConfiguration: {
    MultiRegionKeyType: type,
    ...(primary !== undefined
      ? { PrimaryKey: { Arn: arnOf(primary, keyId), Region: primary } }
      : {}),
    ReplicaKeys: replicas.map((r) => ({ Arn: arnOf(r, keyId), Region: r })),
  },
});

describe("planFamilies", () => {
  it("reads mrk keys and alias candidates shared across regions, never AWS managed or lonely keys", () => {
    const plan = planFamilies(
      [
        listing(
          "us-east-1",
          ["mrk-1", "a1", "aws1", "solo"],
          [
            ["alias/app", "a1"],
            ["alias/aws/s3", "aws1"],
            ["alias/solo", "solo"],
          ],
        ),
        listing(
          "eu-west-1",
          ["mrk-1", "a2", "aws2"],
          [
            ["alias/app", "a2"],
            ["alias/aws/s3", "aws2"],
          ],
        ),
      ],
      {},
    );
    const read = (region: string) =>
      (plan.toRead.get(`${ACCOUNT}|${region}`) ?? []).map((r) => r.keyId).sort();
    expect(read("us-east-1")).toEqual(["a1", "mrk-1"]);
    expect(read("eu-west-1")).toEqual(["a2", "mrk-1"]);
    expect(plan.familyCount).toBe(2);
  });

  it("does not assume what follows mrk- (dashed ids as in other emulators)", () => {
    const plan = planFamilies(
      [listing("us-east-1", ["mrk-1234abcd-12ab-34cd-56ef-1234567890ab"])],
      {},
    );
    expect(plan.toRead.get(`${ACCOUNT}|us-east-1`)?.[0]?.keyId).toBe(
      "mrk-1234abcd-12ab-34cd-56ef-1234567890ab",
    );
  });

  it("reads declared members and, with readAllKeys, everything", () => {
    const listings = [listing("us-east-1", ["k1", "k2"]), listing("eu-west-1", ["k3"])];
    const declared = planFamilies(listings, {
      declaredFamilies: [
        { name: "backup", keys: [arnOf("us-east-1", "k1"), arnOf("eu-west-1", "k3")] },
      ],
    });
    expect(
      [...declared.toRead.values()]
        .flat()
        .map((r) => r.keyId)
        .sort(),
    ).toEqual(["k1", "k3"]);
    const all = planFamilies(listings, { readAllKeys: true });
    expect([...all.toRead.values()].flat()).toHaveLength(3);
  });
});

describe("formFamilies", () => {
  it("forms a multi-Region family with the primary as reference", () => {
    const [family] = formFamilies(
      [
        record("eu-west-1", "mrk-1", mrc("REPLICA", "us-east-1", ["eu-west-1"])),
        record("us-east-1", "mrk-1", mrc("PRIMARY", "us-east-1", ["eu-west-1"])),
      ],
      {},
    );
    expect(family).toMatchObject({
      id: `${ACCOUNT}:mrk-1`,
      kind: "multi-region",
      referenceRegion: "us-east-1",
      flags: [],
    });
    expect(family?.members.map((m) => [m.region, m.role])).toEqual([
      ["eu-west-1", "replica"],
      ["us-east-1", "primary"],
    ]);
  });

  it("flags a family whose primary region was not scanned, and gives it no reference", () => {
    const [family] = formFamilies(
      [record("eu-west-1", "mrk-1", mrc("REPLICA", "us-east-1", ["eu-west-1"]))],
      {},
      coverageFromRegions([{ account: ACCOUNT, region: "eu-west-1", status: "ok" }]),
    );
    expect(family?.flags).toEqual([
      "members-not-scanned",
      "not-scanned:us-east-1",
      "primary-not-scanned",
    ]);
    expect(family?.referenceRegion).toBeNull();
  });

  it("flags a primary region change in progress (two replicas, no primary)", () => {
    const [family] = formFamilies(
      [
        record("us-east-1", "mrk-1", {
          KeyState: "Updating",
          ...mrc("REPLICA", undefined, ["us-east-1", "eu-west-1"]),
        }),
        record("eu-west-1", "mrk-1", {
          KeyState: "Updating",
          ...mrc("REPLICA", undefined, ["us-east-1", "eu-west-1"]),
        }),
      ],
      {},
    );
    expect(family?.flags).toContain("primary-updating");
    expect(family?.referenceRegion).toBeNull();
  });

  it("forms alias families from customer single-region keys only, reference from config or alphabetical", () => {
    const keys = [
      record("us-west-2", "k1", {}, ["alias/app"]),
      record("eu-west-1", "k2", {}, ["alias/app"]),
      record("ap-south-1", "k3", { KeyManager: "AWS" }, ["alias/app"]),
      record("us-east-1", "mrk-9", mrc("PRIMARY", "us-east-1", [], "mrk-9"), ["alias/app"]),
      record("us-east-1", "k4", {}, ["alias/only-here"]),
    ];
    const families = formFamilies(keys, {});
    const alias = families.find((f) => f.kind === "alias");
    expect(families.filter((f) => f.kind === "alias")).toHaveLength(1);
    expect(alias).toMatchObject({
      id: `${ACCOUNT}:alias/app`,
      name: "alias/app",
      referenceRegion: "eu-west-1",
    });
    expect(alias?.members.map((m) => m.keyId)).toEqual(["k2", "k1"]);
    expect(
      formFamilies(keys, { aliasFamilies: { referenceRegion: "us-west-2" } }).find(
        (f) => f.kind === "alias",
      )?.referenceRegion,
    ).toBe("us-west-2");
    expect(
      formFamilies(keys, { aliasFamilies: { referenceRegion: "sa-east-1" } }).find(
        (f) => f.kind === "alias",
      )?.referenceRegion,
    ).toBe("eu-west-1");
  });

  it("forms declared families from explicit ARNs and flags members not found", () => {
    const keys = [record("us-east-1", "k1"), record("eu-west-1", "k3")];
    const [family] = formFamilies(keys, {
      declaredFamilies: [
        {
          name: "backup",
          keys: [arnOf("us-east-1", "k1"), arnOf("eu-west-1", "k3"), arnOf("ap-south-1", "gone")],
          referenceRegion: "us-east-1",
        },
      ],
    });
    expect(family).toMatchObject({
      id: `${ACCOUNT}:declared/backup`,
      kind: "declared",
      referenceRegion: "us-east-1",
      flags: ["members-not-found"],
    });
    expect(family?.members).toHaveLength(2);
  });
});

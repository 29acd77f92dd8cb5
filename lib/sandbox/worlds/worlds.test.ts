import { describe, expect, it } from "vitest";
import { FINDING_PROPERTIES } from "../../domain/finding";
import { createSandbox, type Sandbox } from "../sandbox";
import type { CallContext, WorldManifest } from "../types";
import { worlds } from "./index";

const ANCHOR = new Date("2026-11-20T12:00:00Z");
const auditor = (region: string): CallContext => ({
  account: "111122223333",
  region,
  accessKeyId: "AKIAQKMSDRIFTAUDIT1",
  principalArn: "arn:aws:iam::111122223333:user/auditor",
  time: ANCHOR,
});

function build(
  world: keyof typeof worlds,
  seed: number,
  extra: { keys?: number; readEvents?: number } = {},
): { sandbox: Sandbox; manifest: WorldManifest } {
  const sandbox = createSandbox({ seed, clock: () => ANCHOR });
  const manifest = worlds[world](sandbox, { seed, anchor: ANCHOR, ...extra });
  return { sandbox, manifest };
}

interface KeyEntry {
  KeyId: string;
  KeyArn: string;
}

function listKeys(sandbox: Sandbox, region: string): KeyEntry[] {
  const out = sandbox.call("kms", "ListKeys", { Limit: 1000 }, auditor(region)) as {
    Keys: KeyEntry[];
  };
  return out.Keys;
}

function describeKey(sandbox: Sandbox, region: string, keyId: string): Record<string, unknown> {
  return (
    sandbox.call("kms", "DescribeKey", { KeyId: keyId }, auditor(region)) as {
      KeyMetadata: Record<string, unknown>;
    }
  ).KeyMetadata;
}

function readPolicies(sandbox: Sandbox, region: string): string[] {
  return listKeys(sandbox, region).map(({ KeyId }) => {
    try {
      return (
        sandbox.call("kms", "GetKeyPolicy", { KeyId, PolicyName: "default" }, auditor(region)) as {
          Policy: string;
        }
      ).Policy;
    } catch (error) {
      return error instanceof Error ? error.name : "unknown";
    }
  });
}

function checkGuarantees(manifest: WorldManifest): void {
  const families = new Set([...manifest.inSyncFamilies, ...manifest.drifts.map((d) => d.familyId)]);
  const mrk = [...families].filter((id) => id.includes(":mrk-"));
  const alias = [...families].filter((id) => id.includes(":alias/"));
  expect(mrk.length).toBeGreaterThanOrEqual(40);
  expect(alias.length).toBeGreaterThanOrEqual(15);
  expect(manifest.enabledRegions.length).toBeGreaterThanOrEqual(8);
  expect(manifest.notEnabledRegions).toEqual(expect.arrayContaining(["ap-east-1", "me-south-1"]));
  expect(new Set(manifest.drifts.map((d) => d.property))).toEqual(new Set(FINDING_PROPERTIES));
  const drifted = new Set(manifest.drifts.map((d) => d.familyId));
  expect(manifest.inSyncFamilies.filter((id) => drifted.has(id))).toEqual([]);
  for (const drift of manifest.drifts) {
    expect(drift.region).not.toBe(drift.referenceRegion);
    expect(manifest.enabledRegions).toContain(drift.region);
    if (drift.property !== "replicaSet")
      expect(drift).toMatchObject({
        actor: expect.stringMatching(/^arn:aws:/),
        eventName: expect.any(String),
      });
  }
  expect(manifest.accounts.map((a) => a.id)).toEqual(["111122223333", "444455556666"]);
  expect(manifest.drifts.some((d) => d.account === "444455556666")).toBe(true);
}

describe("demo world", () => {
  it("is byte-identical for the same seed and anchor (manifest, ListKeys, GetKeyPolicy)", () => {
    const a = build("demo", 1);
    const b = build("demo", 1);
    expect(JSON.stringify(b.manifest)).toBe(JSON.stringify(a.manifest));
    for (const region of ["us-east-1", "eu-west-1", "ap-northeast-1"]) {
      expect(listKeys(b.sandbox, region)).toEqual(listKeys(a.sandbox, region));
      expect(readPolicies(b.sandbox, region)).toEqual(readPolicies(a.sandbox, region));
    }
  });

  it("keeps its guarantees for other seeds, with other key ids", () => {
    const one = build("demo", 1).manifest;
    const two = build("demo", 2).manifest;
    checkGuarantees(one);
    checkGuarantees(two);
    const ids = (m: WorldManifest) =>
      new Set(m.inSyncFamilies.filter((id) => id.includes(":mrk-")));
    const shared = [...ids(one)].filter((id) => ids(two).has(id));
    expect(shared).toEqual([]);
  });

  it("has keys in every state, AWS managed keys and multi-Region families of 1–4 replicas", () => {
    const { sandbox, manifest } = build("demo", 3);
    const states = new Set<unknown>();
    const managers = new Set<unknown>();
    for (const region of manifest.enabledRegions) {
      for (const { KeyId } of listKeys(sandbox, region)) {
        const meta = describeKey(sandbox, region, KeyId);
        states.add(meta.KeyState);
        managers.add(meta.KeyManager);
      }
    }
    expect(states).toEqual(
      new Set([
        "Enabled",
        "Disabled",
        "PendingDeletion",
        "PendingReplicaDeletion",
        "PendingImport",
      ]),
    );
    expect(managers).toEqual(new Set(["AWS", "CUSTOMER"]));
    for (const familyId of manifest.inSyncFamilies.filter((id) =>
      id.startsWith("111122223333:mrk-"),
    )) {
      const keyId = familyId.split(":")[1] ?? "";
      const region =
        manifest.enabledRegions.find((r) => listKeys(sandbox, r).some((k) => k.KeyId === keyId)) ??
        "";
      const config = describeKey(sandbox, region, keyId).MultiRegionConfiguration as {
        ReplicaKeys: unknown[];
      };
      expect(config.ReplicaKeys.length).toBeGreaterThanOrEqual(1);
      expect(config.ReplicaKeys.length).toBeLessThanOrEqual(4);
    }
  });

  it("records the planting event of each drift in CloudTrail, by its actor at its time", () => {
    const { sandbox, manifest } = build("demo", 1);
    for (const drift of manifest.drifts.filter((d) => d.eventName)) {
      // ReplicateKey is logged in the primary's region; every other planting call in the drift's region.
      const region = drift.eventName === "ReplicateKey" ? drift.referenceRegion : drift.region;
      const lookup = (NextToken?: string) =>
        sandbox.call(
          "cloudtrail",
          "LookupEvents",
          {
            LookupAttributes: [{ AttributeKey: "ResourceName", AttributeValue: drift.keyId }],
            MaxResults: 50,
            ...(NextToken ? { NextToken } : {}),
          },
          { ...auditor(region), account: drift.account },
        ) as { Events: { CloudTrailEvent: string }[]; NextToken?: string };
      let match: unknown;
      for (let page = lookup(); match === undefined;) {
        match = page.Events.map(
          (e) =>
            JSON.parse(e.CloudTrailEvent) as {
              eventName: string;
              eventTime: string;
              userIdentity: { arn?: string };
            },
        ).find(
          (r) =>
            r.eventName === drift.eventName &&
            r.eventTime === drift.eventTime &&
            r.userIdentity.arn === drift.actor,
        );
        if (!page.NextToken) break;
        page = lookup(page.NextToken);
      }
      expect(match, `${drift.property} ${drift.familyId} ${drift.eventName}`).toBeDefined();
    }
  });

  it("adds the requested read events on top of its own", () => {
    const plain = build("demo", 5).manifest;
    const more = build("demo", 5, { readEvents: 500 }).manifest;
    expect((more.stats.readEvents ?? 0) - (plain.stats.readEvents ?? 0)).toBe(500);
    expect(plain.stats.readEvents).toBeGreaterThanOrEqual(2000);
  });
});

describe("empty and large worlds", () => {
  it("empty has no keys and no drifts, but can hold read events", () => {
    const { sandbox, manifest } = build("empty", 1, { readEvents: 40 });
    expect(manifest.drifts).toEqual([]);
    expect(manifest.inSyncFamilies).toEqual([]);
    expect(listKeys(sandbox, "us-east-1")).toEqual([]);
    expect(sandbox.trail.count()).toBe(40);
  });

  it("large has exactly the requested customer keys, mostly in sync, deterministically", () => {
    const a = build("large", 9, { keys: 300 });
    const b = build("large", 9, { keys: 300 });
    expect(JSON.stringify(a.manifest)).toBe(JSON.stringify(b.manifest));
    const keys = a.manifest.enabledRegions.reduce(
      (n, region) => n + listKeys(a.sandbox, region).length,
      0,
    );
    expect(keys).toBe(300);
    expect(a.manifest.stats.customerKeys).toBe(300);
    expect(a.manifest.drifts.length).toBeGreaterThan(0);
    expect(a.manifest.drifts.length).toBeLessThan(a.manifest.inSyncFamilies.length / 10);
  });
});

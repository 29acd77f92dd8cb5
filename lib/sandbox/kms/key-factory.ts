import { formatKeyArn } from "../core/arn";
import { createKeyId, createKeyMaterialId, createMultiRegionKeyId } from "../core/ids";
import type { Prng } from "../core/prng";
import type { KeyFamily, KeyState, RegionKey } from "../state/model";
import { insertKey, type StateStore } from "../state/store";

export interface FamilySpec {
  account: string;
  region: string;
  multiRegion: boolean;
  keySpec: string;
  keyUsage: string;
  origin: string;
  keyManager: "CUSTOMER" | "AWS";
}

/** A new key family: id, and the properties every Region of a multi-Region key shares. */
export function createFamily(store: StateStore, prng: Prng, spec: FamilySpec): KeyFamily {
  const keyId = spec.multiRegion ? createMultiRegionKeyId(prng) : createKeyId(prng);
  const imported = spec.origin === "EXTERNAL";
  const family: KeyFamily = {
    keyId,
    account: spec.account,
    multiRegion: spec.multiRegion,
    primaryRegion: spec.region,
    regions: [],
    keySpec: spec.keySpec,
    keyUsage: spec.keyUsage,
    origin: spec.origin,
    keyManager: spec.keyManager,
    material: imported ? undefined : prng.bytes(32),
    keyMaterialId: imported ? undefined : createKeyMaterialId(prng),
    rotation: { enabled: false, periodDays: 365, history: [] },
  };
  store.account(spec.account).families.set(keyId, family);
  return family;
}

export interface RegionKeySpec {
  region: string;
  description: string;
  policy: string;
  tags: { TagKey: string; TagValue: string }[];
  now: number;
  state: KeyState;
}

/** Adds the family's key in one Region (the primary's at creation, or a replica). */
export function addRegionKey(store: StateStore, family: KeyFamily, spec: RegionKeySpec): RegionKey {
  const region = store.region(family.account, spec.region);
  const key: RegionKey = {
    family,
    region: spec.region,
    arn: formatKeyArn(spec.region, family.account, family.keyId),
    seq: region.nextSeq++,
    state: spec.state,
    description: spec.description,
    policy: spec.policy,
    tags: new Map(spec.tags.map((t) => [t.TagKey, t.TagValue])),
    creationDate: spec.now,
    grants: [],
    aliases: new Set(),
  };
  insertKey(region, key);
  if (!family.regions.includes(spec.region)) family.regions.push(spec.region);
  return key;
}

export function setKeyPolicy(key: RegionKey, policy: string): void {
  key.policy = policy;
  key.statements = undefined;
}

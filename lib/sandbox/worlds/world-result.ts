import type { WorldManifest } from "../types";
import type { Family } from "./family";
import type { WorldDrift } from "./world-drift";

export interface WorldTally {
  families: Family[];
  drifts: WorldDrift[];
  inSync: Family[];
  sameMeaning?: WorldManifest["sameMeaning"];
  awsManagedKeys: number;
  otherKeys: number;
  managementCalls: number;
  readEvents: number;
}

/** The tally of a generated estate: every customer key in a family, no AWS managed keys. */
export function tallyGeneratedEstate(
  families: Family[],
  drifts: WorldDrift[],
  managementCalls: number,
  readEvents: number,
): WorldTally {
  const drifted = new Set(drifts.map((d) => d.familyId));
  return {
    families,
    drifts,
    inSync: families.filter((f) => !drifted.has(f.id)),
    awsManagedKeys: 0,
    otherKeys: 0,
    managementCalls,
    readEvents,
  };
}

/** Counts for `manifest.stats`, in a fixed key order so the manifest is byte-stable. */
export function computeStats(tally: WorldTally): Record<string, number> {
  const stats: Record<string, number> = {
    families: tally.families.length,
    multiRegionFamilies: tally.families.filter((f) => f.spec.kind === "multi-region").length,
    aliasFamilies: tally.families.filter((f) => f.spec.kind === "alias").length,
    inSyncFamilies: tally.inSync.length,
    driftedFamilies: new Set(tally.drifts.map((d) => d.familyId)).size,
    customerKeys: tally.families.reduce((n, f) => n + f.members.length, 0) + tally.otherKeys,
    awsManagedKeys: tally.awsManagedKeys,
    drifts: tally.drifts.length,
    managementCalls: tally.managementCalls,
    readEvents: tally.readEvents,
  };
  const properties = [...new Set(tally.drifts.map((d) => d.property))].sort();
  for (const property of properties)
    stats[`drifts.${property}`] = tally.drifts.filter((d) => d.property === property).length;
  return stats;
}

/** Family, property, region in code-unit order: locale-independent, so manifests are byte-stable. */
export function compareDrifts(a: WorldDrift, b: WorldDrift): number {
  const x = `${a.familyId} ${a.property} ${a.region}`;
  const y = `${b.familyId} ${b.property} ${b.region}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function buildManifest(
  base: Pick<
    WorldManifest,
    "world" | "seed" | "anchor" | "accounts" | "enabledRegions" | "notEnabledRegions"
  >,
  tally: WorldTally,
): WorldManifest {
  return {
    ...base,
    drifts: tally.drifts,
    inSyncFamilies: tally.inSync.map((f) => f.id),
    ...(tally.sameMeaning ? { sameMeaning: tally.sameMeaning } : {}),
    stats: computeStats(tally),
  };
}

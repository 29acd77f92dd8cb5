import type { RegionScan } from "../domain/snapshot";

/** How one (account, region) fared in the scan that produced the keys. */
export type RegionReadState =
  | { state: "read" }
  /** In the scan, but its keys could not be read (unreachable, 5xx, deadline…): unknown. */
  | { state: "failed"; error: string }
  | { state: "not-enabled" }
  /** Not in the scan's regions or accounts: unknown. */
  | { state: "not-scanned" };

/** Which regions a scan read: what lets the drift rules tell "absent" from "not looked at". */
export interface RegionCoverage {
  of(account: string, region: string): RegionReadState;
  /** The account's regions that were in the scan and failed, sorted. */
  failed(account: string): string[];
}

/** Every region read (pure drift tests, benchmarks). */
export const EVERY_REGION_READ: RegionCoverage = {
  of: () => ({ state: "read" }),
  failed: () => [],
};

const keyOf = (account: string, region: string) => `${account}\u0000${region}`;

export function coverageFromRegions(
  regions: readonly Pick<RegionScan, "account" | "region" | "status" | "error">[],
): RegionCoverage {
  const byKey = new Map<string, RegionReadState>();
  const failed = new Map<string, string[]>();
  for (const r of regions) {
    let state: RegionReadState;
    if (r.status === "ok" || r.status === "partial") state = { state: "read" };
    else if (r.status === "not-enabled") state = { state: "not-enabled" };
    else {
      state = { state: "failed", error: r.error ?? "region failed" };
      failed.set(r.account, [...(failed.get(r.account) ?? []), r.region].sort());
    }
    byKey.set(keyOf(r.account, r.region), state);
  }
  return {
    of: (account, region) => byKey.get(keyOf(account, region)) ?? { state: "not-scanned" },
    failed: (account) => failed.get(account) ?? [],
  };
}

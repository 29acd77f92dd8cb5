import type { KeyRecord } from "../domain/key-record";
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
  /**
   * The account's regions that were read but whose aliases could not be listed (ListAliases
   * refused), sorted: which keys there carry an alias, and so the alias families there, are unknown.
   */
  aliasesNotListed(account: string): string[];
  /** Why the aliases of that region are unknown (`ListAliases: AccessDeniedException`), or null. */
  aliasesProblem(account: string, region: string): string | null;
}

/** Why a region's keys (or their aliases) are unknown: `error: …`, `ListAliases: …`, `not-scanned`. */
export function unreadReason(coverage: RegionCoverage, account: string, region: string): string {
  const state = coverage.of(account, region);
  if (state.state === "failed") return `error: ${state.error}`;
  return coverage.aliasesProblem(account, region) ?? state.state;
}

/** Every region read (pure drift tests, benchmarks). */
export const EVERY_REGION_READ: RegionCoverage = {
  of: () => ({ state: "read" }),
  failed: () => [],
  aliasesNotListed: () => [],
  aliasesProblem: () => null,
};

const keyOf = (account: string, region: string) => `${account}\u0000${region}`;

function addSorted(map: Map<string, string[]>, account: string, region: string): void {
  const list = map.get(account) ?? [];
  if (!list.includes(region)) map.set(account, [...list, region].sort());
}

/**
 * From the scan's regions and its key records: a region whose ListAliases was refused leaves an
 * `aliases` read error on every key it listed (lib/inventory/read-region.ts).
 */
export function coverageFromRegions(
  regions: readonly Pick<RegionScan, "account" | "region" | "status" | "error">[],
  keys: readonly Pick<KeyRecord, "account" | "region" | "aliases" | "errors">[] = [],
): RegionCoverage {
  const byKey = new Map<string, RegionReadState>();
  const failed = new Map<string, string[]>();
  for (const r of regions) {
    let state: RegionReadState;
    if (r.status === "ok" || r.status === "partial") state = { state: "read" };
    else if (r.status === "not-enabled") state = { state: "not-enabled" };
    else {
      state = { state: "failed", error: r.error ?? "region failed" };
      addSorted(failed, r.account, r.region);
    }
    byKey.set(keyOf(r.account, r.region), state);
  }
  const noAliases = new Map<string, string[]>();
  const aliasProblems = new Map<string, string>();
  for (const key of keys) {
    const error =
      key.aliases === null ? key.errors.find((e) => e.property === "aliases") : undefined;
    if (error === undefined) continue;
    addSorted(noAliases, key.account, key.region);
    aliasProblems.set(keyOf(key.account, key.region), `ListAliases: ${error.code}`);
  }
  return {
    of: (account, region) => byKey.get(keyOf(account, region)) ?? { state: "not-scanned" },
    failed: (account) => failed.get(account) ?? [],
    aliasesNotListed: (account) => noAliases.get(account) ?? [],
    aliasesProblem: (account, region) => aliasProblems.get(keyOf(account, region)) ?? null,
  };
}

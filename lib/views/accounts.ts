import {
  ACCOUNT_SCAN_STATUSES,
  type AccountScan,
  type AccountScanStatus,
  type ScannedOrganization,
} from "../domain/account-scan";
import { accountStatusFromRegions } from "../domain/account-status";
import type { RegionScan, Snapshot } from "../domain/snapshot";

/** One account of a snapshot, as the overview's Accounts section lists it. */
export interface AccountItem {
  account: string;
  status: AccountScanStatus;
  /** Why it is not `ok` (the AssumeRole refusal, the failed regions, the filter that skipped it). */
  reason: string | null;
  /** How the scan came to it; null in snapshots stored before per-account status existed. */
  source: AccountScan["source"] | null;
  name: string | null;
  /** The OU path from the root (`Root/Workloads/Prod`). */
  ou: string | null;
  tags: Record<string, string>;
  /** Regions read (`ok` or `partial`), failed (`error`) and in all; a skipped account has none. */
  regions: { read: number; failed: number; total: number };
  keys: number;
}

export interface AccountsView {
  /**
   * False for a snapshot stored before per-account status existed (no `accountScans`): its
   * accounts are the scanned ones, each with the status its regions give; skipped ones are unknown.
   */
  recorded: boolean;
  organization: ScannedOrganization | null;
  counts: Record<AccountScanStatus, number>;
  total: number;
  /** Problems first (error, partial, skipped), then `ok`; by account id within a status. */
  items: AccountItem[];
}

/** The order the section lists statuses in: what needs attention first. */
export const ACCOUNT_STATUS_ORDER: readonly AccountScanStatus[] = [
  "error",
  "partial",
  "skipped",
  "ok",
];

function regionTally(regions: readonly RegionScan[]): AccountItem["regions"] & { keys: number } {
  let read = 0;
  let failed = 0;
  let keys = 0;
  for (const region of regions) {
    if (region.status === "ok" || region.status === "partial") read += 1;
    else if (region.status === "error") failed += 1;
    keys += region.keyCount;
  }
  return { read, failed, total: regions.length, keys };
}

/** An account of a snapshot stored before `accountScans`, by the rule the scanner records them with. */
function legacyAccountScan(account: string, regions: readonly RegionScan[]): AccountScan {
  return { account, source: "config", ...accountStatusFromRegions(regions) };
}

function compareItems(a: AccountItem, b: AccountItem): number {
  const byStatus = ACCOUNT_STATUS_ORDER.indexOf(a.status) - ACCOUNT_STATUS_ORDER.indexOf(b.status);
  if (byStatus !== 0) return byStatus;
  return a.account < b.account ? -1 : a.account > b.account ? 1 : 0;
}

/** Every account of the snapshot with its status, counts per status, problems listed first. */
export function buildAccountsView(
  snapshot: Pick<Snapshot, "accounts" | "accountScans" | "organization" | "regions">,
): AccountsView {
  const regionsByAccount = new Map<string, RegionScan[]>();
  for (const region of snapshot.regions) {
    const list = regionsByAccount.get(region.account);
    if (list) list.push(region);
    else regionsByAccount.set(region.account, [region]);
  }
  const recorded = snapshot.accountScans !== undefined;
  const scans =
    snapshot.accountScans ??
    snapshot.accounts.map((account) =>
      legacyAccountScan(account, regionsByAccount.get(account) ?? []),
    );
  const counts = Object.fromEntries(ACCOUNT_SCAN_STATUSES.map((s) => [s, 0])) as Record<
    AccountScanStatus,
    number
  >;
  const items = scans.map((scan): AccountItem => {
    counts[scan.status] += 1;
    const { keys, ...regions } = regionTally(regionsByAccount.get(scan.account) ?? []);
    return {
      account: scan.account,
      status: scan.status,
      reason: scan.reason ?? null,
      source: recorded ? scan.source : null,
      name: scan.name ?? null,
      ou: scan.ou?.path ?? null,
      tags: scan.tags ?? {},
      regions,
      keys,
    };
  });
  return {
    recorded,
    organization: snapshot.organization ?? null,
    counts,
    total: items.length,
    items: items.sort(compareItems),
  };
}

/** "3 error · 2 partial · 12 skipped · 183 ok": every status that has accounts, in list order. */
export function describeAccountCounts(counts: Record<AccountScanStatus, number>): string {
  const parts = ACCOUNT_STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length === 0 ? "no accounts" : parts.join(" · ");
}

/** The items of one status, or all of them (`null`), and the first `limit` of those unless `all`. */
export function selectAccountItems(
  view: Pick<AccountsView, "items">,
  status: AccountScanStatus | null,
  limit: number | null,
): { shown: AccountItem[]; matching: number } {
  const matching = status === null ? view.items : view.items.filter((i) => i.status === status);
  return {
    shown: limit === null ? matching : matching.slice(0, limit),
    matching: matching.length,
  };
}

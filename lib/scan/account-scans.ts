import type { AccountScan, AccountScanStatus } from "../domain/account-scan";
import { accountStatusFromRegions } from "../domain/account-status";
import type { RegionScan } from "../domain/snapshot";
import type { DiscoveredAccount, Discovery } from "./discover-accounts";
import type { ScanAccount } from "./resolve-accounts";

function organizationFacts(account: DiscoveredAccount | undefined) {
  if (account === undefined) return {};
  return {
    ...(account.name !== "" ? { name: account.name } : {}),
    ...(account.ou ? { ou: account.ou } : {}),
    ...(account.tags ? { tags: account.tags } : {}),
    state: account.state,
  };
}

/**
 * Every account the scan knew of, scanned or skipped, once each, sorted by account id. The
 * caller's own account and configured accounts are scanned even where the Organization's filters
 * would skip them (they were named explicitly); they keep what the Organization says about them.
 */
export function buildAccountScans(
  accounts: readonly ScanAccount[],
  skipped: Discovery["skipped"],
  regions: readonly RegionScan[],
): AccountScan[] {
  const byAccount = new Map<string, RegionScan[]>();
  for (const region of regions) {
    const list = byAccount.get(region.account);
    if (list) list.push(region);
    else byAccount.set(region.account, [region]);
  }
  const skippedById = new Map(skipped.map((s) => [s.account.id, s.account]));
  const scanned = accounts.map((account): AccountScan => ({
    account: account.id,
    source: account.source,
    ...organizationFacts(account.organization ?? skippedById.get(account.id)),
    // The config's name is the one the auditor chose; it wins over the Organization's.
    ...(account.name !== undefined ? { name: account.name } : {}),
    ...accountStatusFromRegions(byAccount.get(account.id) ?? []),
  }));
  const scannedIds = new Set(accounts.map((a) => a.id));
  const left = skipped
    .filter(({ account }) => !scannedIds.has(account.id))
    .map(({ account, reason }): AccountScan => ({
      account: account.id,
      source: "organization",
      ...organizationFacts(account),
      status: "skipped",
      reason,
    }));
  return [...scanned, ...left].sort((a, b) =>
    a.account < b.account ? -1 : a.account > b.account ? 1 : 0,
  );
}

export function countAccountScans(
  scans: readonly AccountScan[],
): Record<AccountScanStatus, number> {
  const counts: Record<AccountScanStatus, number> = { ok: 0, partial: 0, error: 0, skipped: 0 };
  for (const scan of scans) counts[scan.status] += 1;
  return counts;
}

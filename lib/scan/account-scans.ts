import type { AccountScan, AccountScanStatus } from "../domain/account-scan";
import type { RegionScan } from "../domain/snapshot";
import type { DiscoveredAccount, Discovery } from "./discover-accounts";
import type { ScanAccount } from "./resolve-accounts";

const MAX_REASONS = 3;

function organizationFacts(account: DiscoveredAccount | undefined) {
  if (account === undefined) return {};
  return {
    ...(account.name !== "" ? { name: account.name } : {}),
    ...(account.ou ? { ou: account.ou } : {}),
    ...(account.tags ? { tags: account.tags } : {}),
    state: account.state,
  };
}

/** The distinct errors of failed regions, at most three, in one line. */
function describeFailures(failed: readonly RegionScan[]): string {
  const distinct = [...new Set(failed.map((r) => r.error ?? "failed"))];
  const shown = distinct.slice(0, MAX_REASONS).join("; ");
  return distinct.length > MAX_REASONS ? `${shown}; …` : shown;
}

/**
 * An account whose every region failed is `error` (AccessDenied on AssumeRole fails each of them
 * with the same reason); one whose regions failed in part is `partial`; else `ok`. A region that
 * was read but had unreadable properties (`partial` region) leaves the account `ok`: the account
 * was reached, and the keys say what could not be read.
 */
function statusFromRegions(regions: readonly RegionScan[]): Pick<AccountScan, "status" | "reason"> {
  const failed = regions.filter((r) => r.status === "error");
  if (failed.length === 0) return { status: "ok" };
  if (failed.length === regions.length)
    return { status: "error", reason: describeFailures(failed) };
  return {
    status: "partial",
    reason: `${failed.length} of ${regions.length} regions failed: ${describeFailures(failed)}`,
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
    ...statusFromRegions(byAccount.get(account.id) ?? []),
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

import type { AccountScan } from "../domain/account-scan";

/**
 * One stderr line about the accounts a scan left out on purpose, grouped by reason
 * (`kms-drift: 3 of 40 accounts skipped: 2 × account state is SUSPENDED …; 1 × excluded …`), or
 * nothing when none was. They are in the snapshot's `accountScans` too: never a silent gap.
 */
export function describeSkippedAccounts(scans: readonly AccountScan[]): string | undefined {
  const skipped = scans.filter((s) => s.status === "skipped");
  if (skipped.length === 0) return undefined;
  const byReason = new Map<string, number>();
  for (const scan of skipped) {
    const reason = scan.reason ?? "skipped";
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const reasons = [...byReason].map(([reason, n]) => `${n} × ${reason}`).join("; ");
  return `${skipped.length} of ${scans.length} accounts skipped: ${reasons}`;
}

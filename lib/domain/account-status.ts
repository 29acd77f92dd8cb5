import type { AccountScan } from "./account-scan";
import type { RegionScan } from "./snapshot";

const MAX_REASONS = 3;

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
export function accountStatusFromRegions(
  regions: readonly RegionScan[],
): Pick<AccountScan, "status" | "reason"> {
  const failed = regions.filter((r) => r.status === "error");
  if (failed.length === 0) return { status: "ok" };
  if (failed.length === regions.length)
    return { status: "error", reason: describeFailures(failed) };
  return {
    status: "partial",
    reason: `${failed.length} of ${regions.length} regions failed: ${describeFailures(failed)}`,
  };
}

import { z } from "zod";
import type { AccountScan } from "./account-scan";
import type { RegionScan, SnapshotStatus, SnapshotSummary } from "./snapshot";

export const SNAPSHOT_STATUSES = [
  "complete",
  "incomplete",
] as const satisfies readonly SnapshotStatus[];
export const snapshotStatusSchema = z.enum(SNAPSHOT_STATUSES);

/** From the regions' outcomes: one failed (account, region) makes the snapshot incomplete. */
export function statusOfRegions(regions: readonly Pick<RegionScan, "status">[]): SnapshotStatus {
  return regions.some((r) => r.status === "error") ? "incomplete" : "complete";
}

/**
 * From the regions' and the accounts' outcomes: a failed region, or an account that could not be
 * read, makes the snapshot incomplete. Skipped accounts (suspended, filtered out) do not.
 */
export function statusOfScan(
  regions: readonly Pick<RegionScan, "status">[],
  accounts: readonly Pick<AccountScan, "status">[],
): SnapshotStatus {
  return statusOfRegions(regions) === "incomplete" || accounts.some((a) => a.status === "error")
    ? "incomplete"
    : "complete";
}

/**
 * A stored snapshot's status: the recorded one when valid, else derived from the region counts
 * (snapshots stored before `summary.status` existed).
 */
export function snapshotStatus(
  summary: Pick<SnapshotSummary, "status" | "regions"> & Pick<Partial<SnapshotSummary>, "accounts">,
): SnapshotStatus {
  const recorded = snapshotStatusSchema.safeParse(summary.status);
  if (recorded.success) return recorded.data;
  return summary.regions.error > 0 || (summary.accounts?.error ?? 0) > 0
    ? "incomplete"
    : "complete";
}

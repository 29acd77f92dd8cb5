import { z } from "zod";
import type { AccountScan } from "./account-scan";
import {
  SNAPSHOT_STATUSES,
  type RegionScan,
  type SnapshotStatus,
  type SnapshotSummary,
} from "./snapshot";

export const snapshotStatusSchema = z.enum(SNAPSHOT_STATUSES);

/** An (account, region) the scan could not read: its findings are unknown. */
export interface FailedRegion {
  account: string;
  region: string;
  error: string;
}

/** The (account, region)s that failed (`error`), in scan order. */
export function failedRegionsOf(
  regions: readonly Pick<RegionScan, "account" | "region" | "status" | "error">[],
): FailedRegion[] {
  return regions
    .filter((r) => r.status === "error")
    .map((r) => ({ account: r.account, region: r.region, error: r.error ?? "region failed" }));
}

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
 * Why a scan read nothing at all (no (account, region) is `ok` or `partial`): the first failed
 * region's error. Null when something was read. Such a scan is no evidence and is never kept: the
 * CLI exits 2, the dashboard records a failed run.
 */
export function nothingReadReason(
  regions: readonly Pick<RegionScan, "status" | "error">[],
): string | null {
  if (regions.some((r) => r.status === "ok" || r.status === "partial")) return null;
  const first = regions.find((r) => r.status === "error") ?? regions[0];
  return first?.error ?? "no region was scanned";
}

/** The one line both the CLI and the dashboard give for a scan that read nothing. */
export const nothingReadMessage = (reason: string): string =>
  `no region could be scanned: ${reason}`;

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

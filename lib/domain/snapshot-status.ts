import { z } from "zod";
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
 * A stored snapshot's status: the recorded one when valid, else derived from the region counts
 * (snapshots stored before `summary.status` existed).
 */
export function snapshotStatus(
  summary: Pick<SnapshotSummary, "status" | "regions">,
): SnapshotStatus {
  const recorded = snapshotStatusSchema.safeParse(summary.status);
  if (recorded.success) return recorded.data;
  return summary.regions.error > 0 ? "incomplete" : "complete";
}

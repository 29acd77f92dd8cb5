import "server-only";
import type { SeverityTrendPoint } from "../history/listing";
import {
  buildOverviewSnapshotPart,
  EMPTY_OVERVIEW_PART,
  type OverviewSnapshotPart,
  type OverviewView,
} from "../views/overview";
import { getScanStatus } from "./scan-service";
import { loadSnapshotPart, memoBySnapshot } from "./snapshot-cache";
import { getStore } from "./store";

/**
 * The part of a snapshot the overview reads (findings and drifted families, never keys): one read
 * and one cache entry for every section, the open-findings list included.
 */
export function loadOverviewSnapshot(snapshotId: string) {
  return loadSnapshotPart(snapshotId, { findings: true, families: "drifted" });
}

/**
 * What one snapshot decides on the overview, computed once per snapshot, from its header, region
 * scans, findings and drifted families only (never its keys). The drifted families' rows depend only
 * on their own members and findings, so the matrix of those families gives the same items; the
 * family count is the snapshot's (the part holds the drifted ones only).
 */
export async function getOverviewPart(snapshotId = "latest"): Promise<OverviewSnapshotPart> {
  const snapshot = await loadOverviewSnapshot(snapshotId);
  if (!snapshot) return EMPTY_OVERVIEW_PART;
  const part = memoBySnapshot("overview", snapshot, buildOverviewSnapshotPart);
  return part.counts
    ? { ...part, counts: { ...part.counts, families: snapshot.summary.families } }
    : part;
}

/** Findings per severity over the 50 most recent snapshots. */
export async function getSeverityTrend(): Promise<SeverityTrendPoint[]> {
  return (await getStore()).severityTrend(50);
}

export async function getOverview(): Promise<OverviewView> {
  const [part, trend, scan] = await Promise.all([
    getOverviewPart(),
    getSeverityTrend(),
    getScanStatus(),
  ]);
  return { ...part, trend, scan };
}

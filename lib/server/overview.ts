import "server-only";
import type { SeverityTrendPoint } from "../history/listing";
import {
  buildOverviewSnapshotPart,
  EMPTY_OVERVIEW_PART,
  type OverviewSnapshotPart,
  type OverviewView,
} from "../views/overview";
import { getScanStatus } from "./scan-service";
import { loadSnapshot, memoBySnapshot } from "./snapshot-cache";
import { getStore } from "./store";

/** What one snapshot decides on the overview, computed once per snapshot. */
export async function getOverviewPart(snapshotId = "latest"): Promise<OverviewSnapshotPart> {
  const snapshot = await loadSnapshot(snapshotId);
  return snapshot
    ? memoBySnapshot("overview", snapshot, buildOverviewSnapshotPart)
    : EMPTY_OVERVIEW_PART;
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

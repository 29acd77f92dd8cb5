import "server-only";
import {
  buildOverviewSnapshotPart,
  EMPTY_OVERVIEW_PART,
  type OverviewView,
} from "../views/overview";
import { getScanStatus } from "./scan-service";
import { loadSnapshot, memoBySnapshot } from "./snapshot-cache";
import { getStore } from "./store";

export async function getOverview(): Promise<OverviewView> {
  const [snapshot, trend, scan] = await Promise.all([
    loadSnapshot("latest"),
    getStore().then((s) => s.severityTrend(50)),
    getScanStatus(),
  ]);
  const part = snapshot
    ? memoBySnapshot("overview", snapshot, buildOverviewSnapshotPart)
    : EMPTY_OVERVIEW_PART;
  return { ...part, trend, scan };
}

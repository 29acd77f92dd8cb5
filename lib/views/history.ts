import type { Finding } from "../domain/finding";
import type { Snapshot, SnapshotStatus } from "../domain/snapshot";
import { failedRegionsOf, snapshotStatus, type FailedRegion } from "../domain/snapshot-status";
import type { SnapshotComparison } from "../history/compare";
import type { DeliveryRecord } from "../history/deliveries";

export type SnapshotMeta = Pick<
  Snapshot,
  | "id"
  | "startedAt"
  | "finishedAt"
  | "source"
  | "accounts"
  | "summary"
  | "parameters"
  | "tool"
  | "storageNotes"
> & {
  /** `incomplete` when a region failed (derived for snapshots stored before it was recorded). */
  status: SnapshotStatus;
  /** The (account, region)s that could not be read; their findings are unknown. */
  failedRegions: FailedRegion[];
  /** How many (account, region)s the scan covered. */
  regionCount: number;
};

/** A notification delivery of the snapshot, without what was sent. */
export type DeliveryView = Omit<DeliveryRecord, "content">;

export interface SnapshotDetail {
  snapshot: SnapshotMeta;
  changes: SnapshotComparison | null;
  findings: Finding[];
  /** Notifications sent (or not) after the snapshot was stored, one per sink. */
  deliveries: DeliveryView[];
}

export function metaOf(s: Snapshot): SnapshotMeta {
  return {
    id: s.id,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    source: s.source,
    accounts: s.accounts,
    summary: s.summary,
    parameters: s.parameters,
    tool: s.tool,
    ...(s.storageNotes !== undefined ? { storageNotes: s.storageNotes } : {}),
    status: snapshotStatus(s.summary),
    failedRegions: failedRegionsOf(s.regions),
    regionCount: s.regions.length,
  };
}

export interface ComparisonView {
  from: SnapshotMeta;
  to: SnapshotMeta;
  comparison: SnapshotComparison;
}

import type { Finding, Severity } from "../domain/finding";
import type { Snapshot, SnapshotSummary } from "../domain/snapshot";
import type { SnapshotComparison } from "./compare";

/** One stored snapshot in the history list, newest first. */
export interface SnapshotListItem {
  id: string;
  startedAt: string;
  finishedAt: string;
  summary: SnapshotSummary;
  source: Snapshot["source"];
  /** Counts of what changed since the previous snapshot (all findings are new for the first one). */
  changes: SnapshotComparison["counts"] | null;
}

export interface FamilyHistoryEntry {
  snapshotId: string;
  startedAt: string;
  findings: Finding[];
}

export interface SeverityTrendPoint {
  snapshotId: string;
  startedAt: string;
  /** Findings not waived, per severity. */
  counts: Record<Severity, number>;
  waived: number;
}

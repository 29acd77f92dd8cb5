import type { Finding } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import type { FamilyHistoryEntry, SeverityTrendPoint, SnapshotListItem } from "../history/listing";
import type { RunStatus, RunTrigger } from "../history/runs";
import type { DeliveryStore } from "./delivery-types";

export type StoreKind = "pglite" | "postgres";

export interface FindingQuery {
  snapshotId: string;
  familyId?: string;
  property?: string;
  severity?: string;
  region?: string;
  id?: string;
  account?: string;
  waived?: boolean;
}

export interface RunInput {
  startedAt: string;
  finishedAt?: string;
  trigger: RunTrigger;
  status: RunStatus;
  reason?: string;
  snapshotId?: string;
}

export interface RunRecord {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  trigger: RunTrigger;
  status: RunStatus;
  reason: string | null;
  snapshotId: string | null;
}

export interface SavedSnapshot {
  id: string;
  changes: SnapshotComparison;
  storageNotes: string[];
}

export interface SnapshotStore {
  readonly kind: StoreKind;
  /**
   * One transaction: the snapshot, its findings and "what changed since the previous one".
   * `storageNotes` lists strings that could not be stored as scanned (also kept in the snapshot).
   */
  saveSnapshot(s: Snapshot): Promise<SavedSnapshot>;
  /** Newest first; `before` is a snapshot id (keyset pagination). */
  listSnapshots(opts?: { limit?: number; before?: string }): Promise<SnapshotListItem[]>;
  getSnapshot(id: string): Promise<Snapshot | null>;
  previousSnapshot(id: string): Promise<Snapshot | null>;
  /** The comparison stored when `id` was saved (against the snapshot before it). */
  getChanges(id: string): Promise<SnapshotComparison | null>;
  compareSnapshots(fromId: string, toId: string): Promise<SnapshotComparison>;
  /** Oldest first, over the most recent `limit` snapshots that contain the family or findings for it. */
  familyHistory(familyId: string, limit?: number): Promise<FamilyHistoryEntry[]>;
  findings(query: FindingQuery): Promise<Finding[]>;
  /** Oldest first, over the most recent `limit` snapshots. */
  severityTrend(limit?: number): Promise<SeverityTrendPoint[]>;
  recordRun(run: RunInput): Promise<void>;
  /** Newest first. */
  listRuns(limit?: number): Promise<RunRecord[]>;
  /** Notification deliveries of stored snapshots, their attempts and the per-sink ledger. */
  readonly deliveries: DeliveryStore;
  close(): Promise<void>;
}

export type StoreErrorCode = "not_found" | "conflict";

export class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

import type { Finding } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import type { FamilyPage } from "../history/family-matrix-types";

export type { FamilyPage };
import type { FamilyHistoryEntry, SeverityTrendPoint, SnapshotListItem } from "../history/listing";
import type { RunStatus, RunTrigger } from "../history/runs";
import type { DeliveryStore } from "./delivery-types";
import type { ResidencyFacts } from "../history/residency-facts";
import type { ExportFindingRow } from "./export-reads";
import type { PagedArray, PagedRow } from "./bundle-reads";
import type { SnapshotPartSpec } from "./snapshot-parts";

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

/** A page of one snapshot's families: the list filters of `/families` (lib/views/family-filters.ts). */
export interface FamilyPageQuery {
  snapshotId: string;
  severity: readonly string[];
  property: readonly string[];
  region: readonly string[];
  account: readonly string[];
  kind: readonly string[];
  /** The family's key tags, `key=value`. */
  tag: readonly string[];
  /** OU paths (`Root/Workloads`): an OU keeps the accounts in the OUs below it. */
  ou: readonly string[];
  /** The account's tags in the Organization, `Key=Value`. */
  accountTag: readonly string[];
  waived: "any" | "yes" | "no";
  q: string;
  sort: "severity" | "name" | "findings" | "account";
  dir: "asc" | "desc";
  offset: number;
  limit: number;
}

/** The values the families filters offer for one snapshot. */
export interface FamilyFilterOptions {
  regions: string[];
  accounts: string[];
  tags: string[];
  ous: string[];
  accountTags: string[];
}

/** A page of one snapshot's keys (`/keys`, `/api/keys`): ordered by account, region, then as scanned. */
export interface KeyPageQuery {
  snapshotId: string;
  account: readonly string[];
  region: readonly string[];
  /** Text in the key id, an alias or the description (case-insensitive). */
  q: string;
  offset: number;
  limit: number;
}

/** What `/keys` shows of a key: never its policy, grants or tags. */
export interface KeyListRow {
  arn: string;
  account: string;
  region: string;
  keyId: string;
  /** null: the region's ListAliases was refused. */
  aliases: string[] | null;
  /** null: DescribeKey failed for this key. */
  state: string | null;
  manager: string | null;
  description: string;
}

export interface KeyPage {
  snapshotId: string;
  /** Keys in the snapshot. */
  total: number;
  /** Keys the filters keep. */
  matched: number;
  offset: number;
  /** The accounts and regions the snapshot scanned (the filter's choices). */
  accounts: string[];
  regions: string[];
  rows: KeyListRow[];
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
  /** The stored id `id` names (`latest`: the newest), or null. */
  resolveSnapshot(id: string): Promise<string | null>;
  /** One page of a snapshot's families, filtered and sorted in SQL; null when there is no such snapshot. */
  familyPage(query: FamilyPageQuery): Promise<FamilyPage | null>;
  familyFilterOptions(snapshotId: string): Promise<FamilyFilterOptions | null>;
  /** One page of a snapshot's keys, filtered and counted in SQL; null when there is no such snapshot. */
  keyPage(query: KeyPageQuery): Promise<KeyPage | null>;
  /**
   * What residency needs of the snapshot (lib/views/residency.ts builds the view from it), from SQL
   * aggregates and the residency findings: no key document is read. Null when there is no such snapshot.
   */
  residencyFacts(snapshotId: string): Promise<ResidencyFacts | null>;
  /**
   * A page of the snapshot's findings after `afterPosition` (keyset), each with what the exports
   * need of its key and family; an empty page is the end.
   */
  exportFindings(
    snapshotId: string,
    afterPosition: number,
    limit: number,
  ): Promise<ExportFindingRow[]>;
  /**
   * A page of one of the snapshot's large arrays after `afterPosition` (keyset), each element
   * checked against its schema; an empty page is the end. For exports that stream a whole snapshot.
   */
  snapshotRows<A extends PagedArray>(
    snapshotId: string,
    array: A,
    afterPosition: number,
    limit: number,
  ): Promise<PagedRow<A>[]>;
  /** How many rows of each large array the snapshot's header records; null when it is not stored. */
  snapshotRowCounts(snapshotId: string): Promise<Record<PagedArray, number | null> | null>;
  /**
   * The snapshot as one family's page needs it: header, regions and account scans whole, and only
   * that family, its findings, its keys and its events (no family: `families` is empty).
   */
  familySlice(snapshotId: string, familyId: string): Promise<Snapshot | null>;
  /**
   * The header with the region and account scans and only the arrays `spec` names (the others
   * empty): for the overview, a snapshot's detail and comparisons, never the keys.
   */
  snapshotPart(snapshotId: string, spec: SnapshotPartSpec): Promise<Snapshot | null>;
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

import type { Snapshot } from "../domain/snapshot";
import { readStoredSnapshot } from "./read-stored";
import { readHeader, readRowDocs } from "./snapshot-assembly";
import type { SqlQueryable } from "./sql-client";

/** Which of the big arrays a part of a snapshot holds; the region and account scans always come. */
export interface SnapshotPartSpec {
  findings?: boolean;
  /** `drifted`: the families with drift (an open finding above info that is not a read failure). */
  families?: "none" | "drifted";
  /** The CloudTrail events (a scan carries the previous snapshot's forward). */
  events?: boolean;
}

/**
 * The header, the region and account scans, and only the arrays `spec` names; the others are
 * empty (keys always). For pages that need the summary and a few rows, never the
 * 200,000 keys. Checked as a whole snapshot is.
 */
export async function readSnapshotPart(
  db: SqlQueryable,
  snapshotId: string,
  spec: SnapshotPartSpec,
): Promise<Snapshot | null> {
  const [findings, families, events] = await Promise.all([
    spec.findings ? readRowDocs(db, "findings", snapshotId) : [],
    spec.families === "drifted" ? readRowDocs(db, "families", snapshotId, "and drifted") : [],
    spec.events ? readRowDocs(db, "events", snapshotId) : [],
  ]);
  return readPartialSnapshot(db, snapshotId, { findings, families, keys: [], events });
}

/**
 * The header with the region and account scans read whole and the other arrays as given (some of
 * the rows, or none), checked as a whole snapshot is; null when the snapshot is not stored.
 */
export async function readPartialSnapshot(
  db: SqlQueryable,
  snapshotId: string,
  rows: Record<"findings" | "families" | "keys" | "events", unknown[]>,
): Promise<Snapshot | null> {
  const header = await readHeader(db, snapshotId);
  if (header === null || typeof header !== "object") return null;
  const [regions, accountScans] = await Promise.all([
    readRowDocs(db, "regions", snapshotId),
    readRowDocs(db, "accountScans", snapshotId),
  ]);
  const doc: Record<string, unknown> = { ...header, ...rows, regions };
  if ("accountScans" in header) doc.accountScans = accountScans;
  return readStoredSnapshot(doc, snapshotId);
}

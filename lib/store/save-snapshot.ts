import type { Finding } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { compareFindings, type SnapshotComparison } from "../history/compare";
import { readCoverageOf } from "../history/read-coverage";
import { deriveFamilies } from "./family-columns";
import { readStoredFinding } from "./read-stored";
import { splitSnapshot } from "./snapshot-rows";
import type { SqlQueryable } from "./sql-client";
import { toStorableJson } from "./storable-json";
import { StoreError } from "./store-types";
import { insertFamilies, insertRows } from "./write-rows";

export interface WrittenSnapshot {
  changes: SnapshotComparison;
  /** What the store had to replace to keep the snapshot (empty when it is stored as scanned). */
  storageNotes: string[];
}

/** Every other JSON parameter goes through the same gate as the snapshot document. */
function jsonb(value: unknown): string {
  return toStorableJson(value).text;
}

/**
 * Writes one snapshot inside the caller's transaction, as rows (lib/store/snapshot-rows.ts);
 * nothing is visible until it commits.
 */
export async function writeSnapshot(
  tx: SqlQueryable,
  original: Snapshot,
): Promise<WrittenSnapshot> {
  // Compare what will be read back, so that a replaced character does not look like a change next time.
  const { snapshot, header, rows, notes } = splitSnapshot(original);
  const existing = await tx.query("select 1 from snapshots where id = $1", [snapshot.id]);
  if (existing.length > 0)
    throw new StoreError("conflict", `snapshot ${snapshot.id} is already stored`);

  const previous = await tx.query<{ id: string }>(
    `select id from snapshots where started_ts <= $1::timestamptz
     order by started_ts desc, seq desc limit 1`,
    [snapshot.startedAt],
  );
  const previousId = previous[0]?.id ?? null;
  const previousFindings = previousId
    ? await readFindings(tx, "snapshot_id = $1", [previousId])
    : [];

  await tx.query(
    `insert into snapshots (id, started_at, finished_at, started_ts, source, summary, doc)
     values ($1, $2, $3, $4::timestamptz, $5::jsonb, $6::jsonb, $7::jsonb)`,
    [
      snapshot.id,
      snapshot.startedAt,
      snapshot.finishedAt,
      snapshot.startedAt,
      jsonb(snapshot.source),
      jsonb(snapshot.summary),
      header,
    ],
  );
  await insertRows(tx, snapshot.id, snapshot, rows);
  const derived = deriveFamilies(snapshot);
  await insertFamilies(tx, snapshot.id, snapshot.families, rows.families, derived);

  const changes = compareFindings(previousFindings, snapshot.findings, {
    from: previousId,
    to: snapshot.id,
    coverage: readCoverageOf(snapshot),
  });
  await tx.query(
    "insert into snapshot_changes (snapshot_id, previous_id, comparison) values ($1, $2, $3::jsonb)",
    [snapshot.id, previousId, jsonb(changes)],
  );
  return { changes, storageNotes: notes };
}

/**
 * The columns the families page filters on, with the statistics the planner needs to choose
 * between a filter's index and a pass over the snapshot's families. PGlite never gathers them (it
 * runs no autovacuum), so without this every store keeps planning as if its tables were empty.
 */
export async function refreshFamilyStatistics(db: SqlQueryable): Promise<void> {
  await db.query(
    `analyze snapshot_families (snapshot_id, kind, account, severities, properties, tags,
       present_regions, account_tags, waived_count)`,
  );
}

export async function readFindings(
  db: SqlQueryable,
  where: string,
  params: unknown[],
): Promise<Finding[]> {
  const rows = await db.query<{ snapshot_id: string; doc: unknown }>(
    `select snapshot_id, doc from findings where ${where} order by position`,
    params,
  );
  return rows.map((r) => readStoredFinding(r.doc, r.snapshot_id));
}

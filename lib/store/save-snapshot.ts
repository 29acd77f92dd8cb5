import type { Finding } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { compareFindings, type SnapshotComparison } from "../history/compare";
import { readCoverageOf } from "../history/read-coverage";
import { deriveFamilies } from "./family-columns";
import { readStoredFinding } from "./read-stored";
import { headerOf } from "./snapshot-rows";
import type { SqlQueryable } from "./sql-client";
import { toStorableJson, type Replacement } from "./storable-json";
import { snapshotRows, storedSnapshot } from "./storable-rows";
import { describeReplacements } from "./storage-notes";
import { StoreError } from "./store-types";
import { insertFamilies, insertRows } from "./write-rows";

export interface WrittenSnapshot {
  changes: SnapshotComparison;
  /** What the store had to replace to keep the snapshot (empty when it is stored as scanned). */
  storageNotes: string[];
}

const SAVE_WORK_MEM = "64MB";

/** Every other JSON parameter goes through the same gate as the snapshot document. */
function storableText(value: unknown): string {
  return toStorableJson(value).text;
}

/**
 * Writes one snapshot inside the caller's transaction, as rows (lib/store/snapshot-rows.ts);
 * nothing is visible until it commits. Each element's JSON text is built when its batch is written
 * (lib/store/storable-rows.ts); the storage notes, known only once every element has been through
 * the gate, are written into the header last.
 */
export async function writeSnapshot(
  tx: SqlQueryable,
  original: Snapshot,
): Promise<WrittenSnapshot> {
  // A batch (~4 MB of JSON lines, lib/store/write-rows.ts) is spread into rows through in-memory
  // tables; over the default work_mem (4 MB) each went to a temporary file, written and read back:
  // ~280 MB of temporary files in a 200,000-key save. Only this transaction's statements use more.
  await tx.query(`set local work_mem = '${SAVE_WORK_MEM}'`);
  const replacements: Replacement[] = [];
  const header = toStorableJson(headerOf(original));
  replacements.push(...header.replacements);
  // The header's own fields as they will read back (an id with a refused character is stored changed).
  const head = header.value as unknown as Snapshot;
  const existing = await tx.query("select 1 from snapshots where id = $1", [head.id]);
  if (existing.length > 0)
    throw new StoreError("conflict", `snapshot ${head.id} is already stored`);

  const previous = await tx.query<{ id: string }>(
    `select id from snapshots where started_ts <= $1::timestamptz
     order by started_ts desc, seq desc limit 1`,
    [head.startedAt],
  );
  const previousId = previous[0]?.id ?? null;
  const previousFindings = previousId
    ? await readFindings(tx, "snapshot_id = $1", [previousId])
    : [];

  await tx.query(
    `insert into snapshots (id, started_at, finished_at, started_ts, source, summary, doc)
     values ($1, $2, $3, $4::timestamptz, $5::jsonb, $6::jsonb, $7::jsonb)`,
    [
      head.id,
      head.startedAt,
      head.finishedAt,
      head.startedAt,
      storableText(head.source),
      storableText(head.summary),
      header.text,
    ],
  );
  const rows = snapshotRows(original, replacements);
  await insertRows(tx, head.id, rows);
  // The families are derived from what will read back, so they are gated before they are written.
  rows.families.gateAll();
  // Compare what will be read back, so that a replaced character does not look like a change next time.
  const snapshot = storedSnapshot(header.value, rows, original.accountScans !== undefined);
  const derived = deriveFamilies(snapshot);
  await insertFamilies(tx, head.id, rows.families, derived);

  const notes = describeReplacements(snapshot, replacements);
  if (notes.length > 0) {
    const withNotes = { ...snapshot, storageNotes: [...(snapshot.storageNotes ?? []), ...notes] };
    await tx.query("update snapshots set doc = $2::jsonb where id = $1", [
      head.id,
      JSON.stringify(headerOf(withNotes)),
    ]);
  }

  const changes = compareFindings(previousFindings, snapshot.findings, {
    from: previousId,
    to: head.id,
    coverage: readCoverageOf(snapshot),
  });
  await tx.query(
    `insert into snapshot_changes (snapshot_id, previous_id, comparison, counts)
     values ($1, $2, $3::json, $4::jsonb)`,
    [head.id, previousId, storableText(changes), JSON.stringify(changes.counts)],
  );
  return { changes, storageNotes: notes };
}

/**
 * What autovacuum would keep up to date for the families page's filters, done after each save:
 * PGlite runs no autovacuum. The statistics the planner needs to choose between a filter's index
 * and a pass over the snapshot's families (without them every store plans as if its tables were
 * empty), and the GIN indexes' pending lists.
 */
export async function refreshFamilyFilters(db: SqlQueryable): Promise<void> {
  // `position`: a text search keeps the families at the positions it found (lib/store/family-search.ts);
  // without statistics the planner expected 37,000 of 273 and scanned every family (12 ms, not 2).
  await db.query(
    `analyze snapshot_families (snapshot_id, kind, account, severities, properties, tags,
       present_regions, account_tags, waived_count, position)`,
  );
  // A GIN index takes new entries into a pending list that every search reads through, merged
  // into the index only by VACUUM (or autovacuum's ANALYZE; a plain ANALYZE does not). At 50,000
  // families an account-tag filter took 21 ms instead of 3, and severity=high was planned as a
  // pass over every family (41 ms instead of 17-23). Merging them after a save takes ~80 ms.
  await db.query(
    `select gin_clean_pending_list(i.indexrelid)
     from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
     where i.indrelid = 'snapshot_families'::regclass and a.amname = 'gin'`,
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

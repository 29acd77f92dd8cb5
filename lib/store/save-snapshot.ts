import type { Finding } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { compareFindings, type SnapshotComparison } from "../history/compare";
import { readCoverageOf } from "../history/read-coverage";
import { readStoredFinding } from "./read-stored";
import type { SqlQueryable } from "./sql-client";
import { toStorableJson } from "./storable-json";
import { describeReplacements } from "./storage-notes";
import { StoreError } from "./store-types";

export interface WrittenSnapshot {
  changes: SnapshotComparison;
  /** What the store had to replace to keep the snapshot (empty when it is stored as scanned). */
  storageNotes: string[];
}

/**
 * The snapshot as it will be stored and read back: strings PostgreSQL refuses are replaced and
 * `storageNotes` says where. Finding ids were computed from the scanned strings and are kept, so
 * the same AWS state keeps the same ids, printed or stored.
 */
export function storableSnapshot(original: Snapshot): {
  snapshot: Snapshot;
  text: string;
  notes: string[];
} {
  const storable = toStorableJson(original);
  const notes = describeReplacements(storable.value, storable.replacements);
  if (notes.length === 0) return { snapshot: storable.value, text: storable.text, notes };
  const snapshot: Snapshot = {
    ...storable.value,
    storageNotes: [...(storable.value.storageNotes ?? []), ...notes],
  };
  return { snapshot, text: JSON.stringify(snapshot), notes };
}

/** Every other JSON parameter goes through the same gate as the snapshot document. */
function jsonb(value: unknown): string {
  return toStorableJson(value).text;
}

/** Writes one snapshot inside the caller's transaction; nothing is visible until it commits. */
export async function writeSnapshot(
  tx: SqlQueryable,
  original: Snapshot,
): Promise<WrittenSnapshot> {
  // Compare what will be read back, so that a replaced character does not look like a change next time.
  const { snapshot, text, notes } = storableSnapshot(original);
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
      text,
    ],
  );
  // Rows are extracted server-side from the stored document: one round trip however many findings.
  await tx.query(
    `insert into findings (snapshot_id, position, finding_id, family_id, property, severity, region, account, waived, title, doc)
     select s.id, (f.ord - 1)::int, f.value->>'id', f.value->>'familyId', f.value->>'property', f.value->>'severity',
            f.value->>'region', f.value->>'account', coalesce((f.value->>'waived')::boolean, false),
            coalesce(f.value->>'title', ''), f.value
     from snapshots s, jsonb_array_elements(s.doc->'findings') with ordinality as f(value, ord)
     where s.id = $1`,
    [snapshot.id],
  );
  await tx.query(
    `insert into snapshot_families (snapshot_id, family_id, kind, account, reference_region)
     select distinct on (f.value->>'id') s.id, f.value->>'id', f.value->>'kind', f.value->>'account', f.value->>'referenceRegion'
     from snapshots s, jsonb_array_elements(s.doc->'families') as f(value)
     where s.id = $1`,
    [snapshot.id],
  );
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

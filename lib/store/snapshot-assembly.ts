import { SnapshotFormatError } from "../domain/stored-snapshot";
import type { Snapshot } from "../domain/snapshot";
import { KEY_DOC_COLUMNS, KEY_DOCS, keyDocOf } from "./key-docs";
import { readStoredSnapshot } from "./read-stored";
import { assembleSnapshotDoc, ROW_ARRAYS, ROW_ARRAY_NAMES, type RowArray } from "./snapshot-rows";
import type { SqlQueryable } from "./sql-client";

/**
 * Where each array's documents are read from. A family's document lives apart from the columns
 * that the families page filters (migration 4), a key's policy apart from its row (migration 6);
 * `where` may name either side's columns.
 */
const DOC_SOURCES: Record<RowArray, string> = {
  ...ROW_ARRAYS,
  keys: KEY_DOCS,
  families: "snapshot_families join snapshot_family_docs using (snapshot_id, position)",
};

/** One array's rows of a snapshot, in order, restricted by `where` (`$1` is the snapshot id). */
export async function readRowDocs(
  db: SqlQueryable,
  name: RowArray,
  snapshotId: string,
  where = "",
  params: unknown[] = [],
): Promise<unknown[]> {
  const rows = await db.query<{ doc: unknown; policy?: unknown }>(
    `select ${name === "keys" ? KEY_DOC_COLUMNS : "doc"} from ${DOC_SOURCES[name]}
     where snapshot_id = $1 ${where} order by position`,
    [snapshotId, ...params],
  );
  return rows.map(keyDocOf);
}

// A whole array is read a slice of positions at a time: PGlite holds a query's whole answer in its
// memory, which then stays that size, and 200,000 keys in one answer is hundreds of MB.
const READ_CHUNK = 20_000;

async function readAllRowDocs(
  db: SqlQueryable,
  name: RowArray,
  snapshotId: string,
): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let from = 0; ; from += READ_CHUNK) {
    const chunk = await readRowDocs(db, name, snapshotId, "and position >= $2 and position < $3", [
      from,
      from + READ_CHUNK,
    ]);
    all.push(...chunk);
    if (chunk.length < READ_CHUNK) return all;
  }
}

export async function readHeader(db: SqlQueryable, snapshotId: string): Promise<unknown> {
  const rows = await db.query<{ doc: unknown }>("select doc from snapshots where id = $1", [
    snapshotId,
  ]);
  return rows[0]?.doc ?? null;
}

/** The whole stored snapshot, its rows put back, checked as every document the store returns. */
export async function loadWholeSnapshot(
  db: SqlQueryable,
  snapshotId: string,
): Promise<Snapshot | null> {
  const header = await readHeader(db, snapshotId);
  if (header === null) return null;
  const rows: Partial<Record<RowArray, unknown[]>> = {};
  for (const name of ROW_ARRAY_NAMES) rows[name] = await readAllRowDocs(db, name, snapshotId);
  return checkedSnapshot(header, rows, snapshotId);
}

/**
 * The header with every array's rows put back (an array's row count must match the length the
 * header records), checked like every document the store returns.
 */
function checkedSnapshot(
  header: unknown,
  rows: Partial<Record<RowArray, unknown[]>>,
  snapshotId: string,
): Snapshot {
  const assembled = assembleSnapshotDoc(header, rows);
  if ("problem" in assembled)
    throw new SnapshotFormatError(
      `stored snapshot ${snapshotId} is not readable: ${assembled.problem}`,
    );
  return readStoredSnapshot(assembled.doc, snapshotId);
}

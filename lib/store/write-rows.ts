import type { Family } from "../domain/family";
import {
  DERIVED_VERSION,
  FAMILY_SORTS,
  type DerivedFamilies,
  type DerivedFamily,
} from "./family-columns";
import type { AccountScan } from "../domain/account-scan";
import type { Finding } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import type { RegionScan, Snapshot } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import type { RowArray } from "./snapshot-rows";
import type { SqlQueryable } from "./sql-client";

// A batch is one JSON parameter holding an array of documents, spread into rows server-side, and
// one array parameter per column: one round trip per ~4 MB rather than per row, and no
// parameter-count limit (65,535) to stay under.
const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_ROWS = 5_000;

type ColumnValue = string | number | boolean | null;

/** A column computed in JS from each element; arrays travel as text literals, cast in SQL. */
interface Column<T> {
  name: string;
  type: "text" | "boolean" | "int" | "smallint";
  cast?: "text[]";
  value: (element: T) => ColumnValue;
}

const column = <T>(
  name: string,
  type: Column<T>["type"],
  value: Column<T>["value"],
  cast?: Column<T>["cast"],
): Column<T> => ({ name, type, value, cast });
const textArray = <T>(name: string, value: (element: T) => readonly string[]): Column<T> =>
  column(name, "text", (e) => pgTextArray(value(e)), "text[]");

/**
 * A JSON column, one document per element. `json` keeps the text as it is (PostgreSQL only checks
 * its syntax), where `jsonb` builds a binary copy: more than half of a key's insert time on PGlite.
 * Only documents the store never looks inside in SQL are `json`.
 */
interface JsonColumn {
  name: string;
  type: "json" | "jsonb";
  texts: readonly string[];
}

/** A row table: its computed columns and its JSON documents (`doc` and, for families, the matrix row). */
interface RowTable<T> {
  table: string;
  columns: Column<T>[];
  docType: JsonColumn["type"];
}

const KEYS: RowTable<KeyRecord> = {
  table: "snapshot_keys",
  docType: "json",
  columns: [
    column("arn", "text", (k) => k.arn),
    column("account", "text", (k) => k.account),
    column("region", "text", (k) => k.region),
    column("key_id", "text", (k) => k.keyId),
    column("aliases_unread", "boolean", (k) => k.errors.some((e) => e.property === "aliases")),
    column("metadata_unread", "boolean", (k) => k.errors.some((e) => e.property === "metadata")),
    column("last_use_read", "boolean", (k) => k.lastUse != null),
    column("last_used_at", "text", (k) => k.lastUse?.lastUsed?.at ?? null),
    column("last_used_operation", "text", (k) => k.lastUse?.lastUsed?.operation ?? null),
  ],
};

const FINDINGS: RowTable<Finding> = {
  table: "findings",
  // Compared in SQL (lib/store/compare-rows.ts), where jsonb equality ignores member order.
  docType: "jsonb",
  columns: [
    column("finding_id", "text", (f) => f.id),
    column("family_id", "text", (f) => f.familyId),
    column("property", "text", (f) => f.property),
    column("severity", "text", (f) => f.severity),
    column("region", "text", (f) => f.region),
    column("account", "text", (f) => f.account),
    column("waived", "boolean", (f) => f.waived),
    column("title", "text", (f) => f.title),
  ],
};

const EVENTS: RowTable<TrailEvent> = {
  table: "snapshot_events",
  docType: "jsonb",
  columns: [
    column("event_id", "text", (e) => e.eventId),
    column("account", "text", (e) => e.account),
    textArray("key_ids", (e) => e.keyIds),
  ],
};

const REGIONS: RowTable<RegionScan> = {
  table: "snapshot_regions",
  docType: "jsonb",
  columns: [
    column("account", "text", (r) => r.account),
    column("region", "text", (r) => r.region),
    column("status", "text", (r) => r.status),
  ],
};

const ACCOUNTS: RowTable<AccountScan> = {
  table: "snapshot_accounts",
  docType: "jsonb",
  columns: [
    column("account", "text", (a) => a.account),
    column("status", "text", (a) => a.status),
    column("ou_path", "text", (a) => a.ou?.path ?? null),
  ],
};

/** The derived columns of a family (lib/store/family-columns.ts); all null when it has none. */
const DERIVED: Column<DerivedFamily | undefined>[] = [
  column("ou_path", "text", (d) => d?.ouPath ?? null),
  textArray("account_tags", (d) => d?.accountTags ?? []),
  column("worst_rank", "smallint", (d) => d?.worstRank ?? null),
  textArray("severities", (d) => d?.severities ?? []),
  textArray("properties", (d) => d?.properties ?? []),
  column("finding_count", "int", (d) => d?.findingCount ?? null),
  column("waived_count", "int", (d) => d?.waivedCount ?? null),
  column("drifted", "boolean", (d) => d?.drifted ?? null),
  textArray("tags", (d) => d?.tags ?? []),
  column("search", "text", (d) => d?.search ?? null),
  textArray("present_regions", (d) => d?.presentRegions ?? []),
  ...FAMILY_SORTS.map((sort) =>
    column<DerivedFamily | undefined>(`rank_${sort}`, "int", (d) => d?.ranks[sort] ?? null),
  ),
];

const FAMILY_COLUMNS: Column<Family>[] = [
  column("family_id", "text", (f) => f.id),
  column("kind", "text", (f) => f.kind),
  column("account", "text", (f) => f.account),
  column("name", "text", (f) => f.name),
  column("reference_region", "text", (f) => f.referenceRegion),
];

/** Ranges of `texts` of at most BATCH_ROWS elements and about BATCH_BYTES of JSON. */
export function* batches(texts: readonly string[]): Generator<{ first: number; end: number }> {
  let start = 0;
  while (start < texts.length) {
    let end = start;
    let bytes = 2;
    while (end < texts.length && end - start < BATCH_ROWS) {
      const size = (texts[end]?.length ?? 0) + 1;
      if (end > start && bytes + size > BATCH_BYTES) break;
      bytes += size;
      end += 1;
    }
    yield { first: start, end };
    start = end;
  }
}

/**
 * A batch as a relation `s` with `ord` (from 1) and every column, built from parameters
 * `$first`…: one array per computed column and one JSON array per JSON column, zipped by ordinality.
 */
function batchSource<T>(columns: Column<T>[], json: JsonColumn[], first: number): string {
  const names = columns.map((c) => c.name);
  const arrays = columns.map((c, i) => `$${first + i}::${c.type}[]`).join(", ");
  const picks = columns.map((c) => `c.${c.name}${c.cast ? `::${c.cast}` : ""} as ${c.name}`);
  const relations = [
    ...(columns.length > 0
      ? [`unnest(${arrays}) with ordinality as c(${names.join(", ")}, ord)`]
      : []),
    ...json.map(
      (j, i) =>
        `${j.type}_array_elements($${first + columns.length + i}::${j.type}) with ordinality as j${i}(value, ord)`,
    ),
  ];
  const [base, ...joined] = relations;
  return `(select ord, ${[...picks, ...json.map((j, i) => `j${i}.value as ${j.name}`)].join(", ")}
    from ${base} ${joined.map((r) => `join ${r} using (ord)`).join(" ")}) s`;
}

function batchParams<T>(
  columns: Column<T>[],
  json: JsonColumn[],
  elements: readonly T[],
  range: { first: number; end: number },
): unknown[] {
  const slice = elements.slice(range.first, range.end);
  return [
    ...columns.map((c) => slice.map(c.value)),
    ...json.map((j) => `[${j.texts.slice(range.first, range.end).join(",")}]`),
  ];
}

/**
 * Inserts rows into `table`, one statement per batch of `sized` (each row's JSON text, which sets
 * the batches' sizes); `columns` are computed from `elements`, `json` are texts.
 */
async function insertTable<T>(
  tx: SqlQueryable,
  snapshotId: string,
  table: string,
  columns: Column<T>[],
  json: JsonColumn[],
  elements: readonly T[],
  sized: readonly string[],
): Promise<void> {
  const names = [...columns.map((c) => c.name), ...json.map((j) => j.name)].join(", ");
  const sql = `insert into ${table} (snapshot_id, position, ${names})
    select $1, $2 + (s.ord - 1)::int, ${names} from ${batchSource(columns, json, 3)}`;
  for (const range of batches(sized))
    await tx.query(sql, [snapshotId, range.first, ...batchParams(columns, json, elements, range)]);
}

/** Sets `columns` (and `json`) of the rows of `table` at each element's `position`. */
async function updateTable<T>(
  tx: SqlQueryable,
  snapshotId: string,
  table: string,
  columns: Column<T>[],
  json: JsonColumn[],
  elements: readonly T[],
  sized: readonly string[],
): Promise<void> {
  const sets = [...columns.map((c) => c.name), ...json.map((j) => j.name)]
    .filter((n) => n !== "position")
    .map((n) => `${n} = s.${n}`);
  const sql = `update ${table} t set ${sets.join(", ")}
    from ${batchSource(columns, json, 2)}
    where t.snapshot_id = $1 and t.position = s.position`;
  for (const range of batches(sized))
    await tx.query(sql, [snapshotId, ...batchParams(columns, json, elements, range)]);
}

const insertRowTable = <T>(
  tx: SqlQueryable,
  snapshotId: string,
  spec: RowTable<T>,
  elements: readonly T[],
  texts: readonly string[],
) =>
  insertTable(
    tx,
    snapshotId,
    spec.table,
    spec.columns,
    [{ name: "doc", type: spec.docType, texts }],
    elements,
    texts,
  );

/**
 * Every row array but the families, in order: `snapshot` holds the elements as they will read
 * back and `rows` their JSON texts (lib/store/snapshot-rows.ts `splitSnapshot`).
 */
export async function insertRows(
  tx: SqlQueryable,
  snapshotId: string,
  snapshot: Snapshot,
  rows: Record<RowArray, string[]>,
): Promise<void> {
  await insertRowTable(tx, snapshotId, KEYS, snapshot.keys, rows.keys);
  await insertRowTable(tx, snapshotId, FINDINGS, snapshot.findings, rows.findings);
  await insertRowTable(tx, snapshotId, EVENTS, snapshot.events, rows.events);
  await insertRowTable(tx, snapshotId, REGIONS, snapshot.regions, rows.regions);
  await insertRowTable(tx, snapshotId, ACCOUNTS, snapshot.accountScans ?? [], rows.accountScans);
}

/** `values` as a PostgreSQL text[] literal: every element quoted, `"` and `\` escaped. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

const matrixRows = (derived: DerivedFamilies): JsonColumn => ({
  name: "matrix_row",
  type: "json",
  texts: derived.families.map((d) => JSON.stringify(d.row)),
});

/**
 * The families with their derived columns (saving a snapshot). Their documents and matrix rows go
 * to their own table (migration 4), so that filters and counts scan narrow rows.
 */
export async function insertFamilies(
  tx: SqlQueryable,
  snapshotId: string,
  families: readonly Family[],
  texts: readonly string[],
  derived: DerivedFamilies,
): Promise<void> {
  const withDerived = families.map((family, i) => ({ family, derived: derived.families[i] }));
  type Pair = (typeof withDerived)[number];
  const columns: Column<Pair>[] = [
    ...FAMILY_COLUMNS.map((c) => ({ ...c, value: (p: Pair) => c.value(p.family) })),
    ...DERIVED.map((c) => ({ ...c, value: (p: Pair) => c.value(p.derived) })),
  ];
  const docs: JsonColumn = { name: "doc", type: "json", texts };
  await insertTable(tx, snapshotId, "snapshot_families", columns, [], withDerived, texts);
  await insertTable(
    tx,
    snapshotId,
    "snapshot_family_docs",
    [],
    [docs, matrixRows(derived)],
    [],
    texts,
  );
  await markDerived(tx, snapshotId, derived.regions);
}

/** Derived columns of families already stored (a snapshot stored before they existed). */
export async function updateDerivedFamilies(
  tx: SqlQueryable,
  snapshotId: string,
  derived: DerivedFamilies,
): Promise<void> {
  const position = column<DerivedFamily>("position", "int", (d) => d.position);
  const rows = matrixRows(derived);
  await updateTable(
    tx,
    snapshotId,
    "snapshot_families",
    [position, ...DERIVED],
    [],
    derived.families,
    rows.texts,
  );
  await updateTable(
    tx,
    snapshotId,
    "snapshot_family_docs",
    [position],
    [rows],
    derived.families,
    rows.texts,
  );
  await markDerived(tx, snapshotId, derived.regions);
}

async function markDerived(tx: SqlQueryable, snapshotId: string, regions: string[]) {
  await tx.query(
    "update snapshots set derived_version = $2, matrix_regions = $3::jsonb where id = $1",
    [snapshotId, DERIVED_VERSION, JSON.stringify(regions)],
  );
}

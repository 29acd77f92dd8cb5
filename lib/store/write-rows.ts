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
import type { RegionScan } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import type { SnapshotRows, StorableRows } from "./storable-rows";
import type { SqlQueryable } from "./sql-client";
import { TextIds } from "./text-ids";

// A batch is one text parameter holding its documents one per line, spread into rows server-side,
// and one array parameter per column: one round trip per ~4 MB rather than per row, and no
// parameter-count limit (65,535) to stay under. JSON.stringify never writes a line break (it
// escapes them in strings), so each line is one document, parsed once as it is cast; a JSON array
// was parsed twice (the parameter, then its elements), 10% more of a key's insert time on PGlite.
// The text goes as UTF-8 bytes (a binary text parameter on both backends): as a string, PGlite
// copied it on the way, and a 60,000-key save's heap peaked ~300 MB higher for the same CPU.
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
 * A JSON column, one document per element, its text built when the element's batch is written. `json`
 * keeps the text as it is (PostgreSQL only checks its syntax), where `jsonb` builds a binary copy:
 * more than half of a key's insert time on PGlite. Only documents the store never looks inside in
 * SQL are `json`.
 */
interface JsonColumn {
  name: string;
  type: "json" | "jsonb";
  text: (index: number) => string;
}

/** A row table: its computed columns and the type of its JSON document. */
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

/**
 * A batch as a relation `s` with `ord` (from 1) and every column, built from parameters
 * `$first`…: one array per computed column and one text of JSON lines per JSON column, zipped by
 * ordinality.
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
        `string_to_table($${first + columns.length + i}::text, E'\\n') with ordinality as j${i}(value, ord)`,
    ),
  ];
  const [base, ...joined] = relations;
  return `(select ord, ${[...picks, ...json.map((j, i) => `j${i}.value::${j.type} as ${j.name}`)].join(", ")}
    from ${base} ${joined.map((r) => `join ${r} using (ord)`).join(" ")}) s`;
}

/** The rows a statement writes: how many, and element `index` as its columns are computed from. */
interface BatchRows<T> {
  length: number;
  element: (index: number) => T;
}

/**
 * Runs `sql` once per batch of at most BATCH_ROWS rows and about BATCH_BYTES of JSON, with
 * `leading` then one array per column and one JSON array per JSON column. Each batch's texts are
 * built when it is written, so a save holds one batch of JSON, not the whole snapshot's; a JSON
 * column's text may replace its element (lib/store/storable-rows.ts), so columns are computed after.
 */
async function writeBatches<T>(
  tx: SqlQueryable,
  sql: string,
  leading: (first: number) => unknown[],
  columns: Column<T>[],
  json: JsonColumn[],
  rows: BatchRows<T>,
  beforeWrite?: () => Promise<void>,
): Promise<void> {
  let first = 0;
  while (first < rows.length) {
    const texts = json.map(() => [] as string[]);
    let end = first;
    let bytes = 0;
    while (end < rows.length && end - first < BATCH_ROWS && bytes < BATCH_BYTES) {
      json.forEach((j, i) => {
        const text = j.text(end);
        if (text.includes("\n")) throw new Error(`${j.name} ${end}: a JSON text with a line break`);
        texts[i]?.push(text);
        bytes += text.length + 1;
      });
      end += 1;
    }
    const elements: T[] = [];
    for (let i = first; i < end; i += 1) elements.push(rows.element(i));
    await beforeWrite?.();
    await tx.query(sql, [
      ...leading(first),
      ...columns.map((c) => elements.map(c.value)),
      ...texts.map((t) => Buffer.from(t.join("\n"))),
    ]);
    first = end;
    // PGlite runs a statement without giving the event loop a turn: without this, a 20 s save
    // would keep every timer (a server's requests, a progress line) waiting until it ends.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Inserts rows into `table` at positions 0…: `columns` computed from each element, `json` texts;
 * `beforeWrite` runs once a batch's texts are built, before its rows are written.
 */
async function insertTable<T>(
  tx: SqlQueryable,
  snapshotId: string,
  table: string,
  columns: Column<T>[],
  json: JsonColumn[],
  rows: BatchRows<T>,
  beforeWrite?: () => Promise<void>,
): Promise<void> {
  const names = [...columns.map((c) => c.name), ...json.map((j) => j.name)].join(", ");
  const sql = `insert into ${table} (snapshot_id, position, ${names})
    select $1, $2 + (s.ord - 1)::int, ${names} from ${batchSource(columns, json, 3)}`;
  await writeBatches(tx, sql, (first) => [snapshotId, first], columns, json, rows, beforeWrite);
}

/** Columns computed from an element's `part`. */
const columnsOf = <P, T>(columns: Column<P>[], part: (element: T) => P): Column<T>[] =>
  columns.map((c) => ({ ...c, value: (element: T) => c.value(part(element)) }));

// Distinct policies a save remembers to share (each ~1 KB of text; lib/store/text-ids.ts).
const SHARED_POLICIES = 10_000;

type PolicyText = { id: number; text: string };

/** Inserts policies under their ids (migration 6). */
async function insertPolicies(tx: SqlQueryable, snapshotId: string, policies: PolicyText[]) {
  const id = column<PolicyText>("policy_id", "int", (p) => p.id);
  const doc: JsonColumn = { name: "doc", type: "json", text: (i) => policies[i]?.text ?? "" };
  const sql = `insert into snapshot_policies (snapshot_id, policy_id, doc)
    select $1, policy_id, doc from ${batchSource([id], [doc], 2)}`;
  await writeBatches(tx, sql, () => [snapshotId], [id], [doc], {
    length: policies.length,
    element: (i) => policies[i] as PolicyText,
  });
}

/**
 * The keys, each distinct policy stored once in `snapshot_policies` and the key's document with
 * `"policy": null` and the policy's id (lib/store/key-docs.ts reads them back together). Each batch's
 * new policies are written before its keys.
 */
async function insertKeys(
  tx: SqlQueryable,
  snapshotId: string,
  keys: StorableRows<KeyRecord>,
): Promise<void> {
  const policyTexts = new TextIds(SHARED_POLICIES);
  const policyIds = new Int32Array(keys.length).fill(-1);
  let fresh: PolicyText[] = [];
  const doc: JsonColumn = {
    name: "doc",
    type: KEYS.docType,
    text: (i) => {
      const { text, apart } = keys.textApart(i, "policy");
      if (apart !== null) {
        const policy = policyTexts.idOf(apart);
        policyIds[i] = policy.id;
        if (policy.fresh) fresh.push({ id: policy.id, text: apart });
      }
      return text;
    },
  };
  type KeyRow = { key: KeyRecord; policyId: number | null };
  const columns: Column<KeyRow>[] = [
    ...columnsOf(KEYS.columns, (row: KeyRow) => row.key),
    column("policy_id", "int", (row) => row.policyId),
  ];
  const rows: BatchRows<KeyRow> = {
    length: keys.length,
    element: (i) => {
      const id = policyIds[i] ?? -1;
      return { key: keys.element(i), policyId: id < 0 ? null : id };
    },
  };
  await insertTable(tx, snapshotId, KEYS.table, columns, [doc], rows, async () => {
    const written = fresh;
    fresh = [];
    if (written.length > 0) await insertPolicies(tx, snapshotId, written);
  });
}

/** Sets `columns` (and `json`) of the rows of `table` at each element's `position`. */
async function updateTable<T>(
  tx: SqlQueryable,
  snapshotId: string,
  table: string,
  columns: Column<T>[],
  json: JsonColumn[],
  rows: BatchRows<T>,
): Promise<void> {
  const sets = [...columns.map((c) => c.name), ...json.map((j) => j.name)]
    .filter((n) => n !== "position")
    .map((n) => `${n} = s.${n}`);
  const sql = `update ${table} t set ${sets.join(", ")}
    from ${batchSource(columns, json, 2)}
    where t.snapshot_id = $1 and t.position = s.position`;
  await writeBatches(tx, sql, () => [snapshotId], columns, json, rows);
}

const insertRowTable = <T>(
  tx: SqlQueryable,
  snapshotId: string,
  spec: RowTable<T>,
  rows: StorableRows<T>,
) =>
  insertTable(
    tx,
    snapshotId,
    spec.table,
    spec.columns,
    [{ name: "doc", type: spec.docType, text: (i) => rows.text(i) }],
    { length: rows.length, element: (i) => rows.element(i) },
  );

/**
 * Every row array but the families, in order, each element passed through the storable-JSON gate
 * as its batch is written: afterwards each `StorableRows` holds the elements as they read back.
 */
export async function insertRows(
  tx: SqlQueryable,
  snapshotId: string,
  rows: SnapshotRows,
): Promise<void> {
  await insertKeys(tx, snapshotId, rows.keys);
  await insertRowTable(tx, snapshotId, FINDINGS, rows.findings);
  await insertRowTable(tx, snapshotId, EVENTS, rows.events);
  await insertRowTable(tx, snapshotId, REGIONS, rows.regions);
  await insertRowTable(tx, snapshotId, ACCOUNTS, rows.accountScans);
}

/** `values` as a PostgreSQL text[] literal: every element quoted, `"` and `\` escaped. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

const matrixRows = (derived: DerivedFamilies): JsonColumn => ({
  name: "matrix_row",
  type: "json",
  text: (i) => JSON.stringify(derived.families[i]?.row),
});

/**
 * The families with their derived columns (saving a snapshot), `families` already gated (their
 * stored values are what was derived from). Their documents and matrix rows go to their own table
 * (migration 4), so that filters and counts scan narrow rows.
 */
export async function insertFamilies(
  tx: SqlQueryable,
  snapshotId: string,
  families: StorableRows<Family>,
  derived: DerivedFamilies,
): Promise<void> {
  type Pair = { family: Family; derived: DerivedFamily | undefined };
  const columns: Column<Pair>[] = [
    ...columnsOf(FAMILY_COLUMNS, (p: Pair) => p.family),
    ...columnsOf(DERIVED, (p: Pair) => p.derived),
  ];
  await insertTable(tx, snapshotId, "snapshot_families", columns, [], {
    length: families.length,
    element: (i) => ({ family: families.element(i), derived: derived.families[i] }),
  });
  const docs: JsonColumn = { name: "doc", type: "json", text: (i) => families.text(i) };
  await insertTable(tx, snapshotId, "snapshot_family_docs", [], [docs, matrixRows(derived)], {
    length: families.length,
    element: () => undefined,
  });
  await markDerived(tx, snapshotId, derived.regions);
}

/** Derived columns of families already stored (a snapshot stored before they existed). */
export async function updateDerivedFamilies(
  tx: SqlQueryable,
  snapshotId: string,
  derived: DerivedFamilies,
): Promise<void> {
  const position = column<DerivedFamily>("position", "int", (d) => d.position);
  const rows: BatchRows<DerivedFamily> = {
    length: derived.families.length,
    element: (i) => derived.families[i] as DerivedFamily,
  };
  const matrix = matrixRows(derived);
  await updateTable(tx, snapshotId, "snapshot_families", [position, ...DERIVED], [], rows);
  await updateTable(tx, snapshotId, "snapshot_family_docs", [position], [matrix], rows);
  await markDerived(tx, snapshotId, derived.regions);
}

async function markDerived(tx: SqlQueryable, snapshotId: string, regions: string[]) {
  await tx.query(
    "update snapshots set derived_version = $2, matrix_regions = $3::jsonb where id = $1",
    [snapshotId, DERIVED_VERSION, JSON.stringify(regions)],
  );
}

import { DERIVED_VERSION, type DerivedFamilies, type DerivedFamily } from "./family-columns";
import type { RowArray } from "./snapshot-rows";
import type { SqlQueryable } from "./sql-client";

// A batch is one jsonb parameter holding an array of elements, spread into rows server-side: one
// round trip per ~4 MB rather than per row, and no parameter-count limit (65,535) to stay under.
const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_ROWS = 5_000;

/** The columns each row table takes from its element `e.value` (a jsonb element of the batch). */
const ROW_COLUMNS: Record<Exclude<RowArray, "families">, { table: string; columns: string }> = {
  keys: {
    table:
      "snapshot_keys (snapshot_id, position, arn, account, region, key_id, aliases_unread, doc)",
    columns: `e.value->>'arn', e.value->>'account', e.value->>'region', e.value->>'keyId',
      coalesce(e.value->'errors' @> '[{"property":"aliases"}]'::jsonb, false), e.value`,
  },
  findings: {
    table:
      "findings (snapshot_id, position, finding_id, family_id, property, severity, region, account, waived, title, doc)",
    columns: `e.value->>'id', e.value->>'familyId', e.value->>'property', e.value->>'severity',
      e.value->>'region', e.value->>'account', coalesce((e.value->>'waived')::boolean, false),
      coalesce(e.value->>'title', ''), e.value`,
  },
  events: {
    table: "snapshot_events (snapshot_id, position, event_id, account, key_ids, doc)",
    columns: `e.value->>'eventId', e.value->>'account',
      array(select jsonb_array_elements_text(e.value->'keyIds')), e.value`,
  },
  regions: {
    table: "snapshot_regions (snapshot_id, position, account, region, status, doc)",
    columns: `e.value->>'account', e.value->>'region', e.value->>'status', e.value`,
  },
  accountScans: {
    table: "snapshot_accounts (snapshot_id, position, account, status, ou_path, doc)",
    columns: `e.value->>'account', e.value->>'status', e.value->'ou'->>'path', e.value`,
  },
};

/** JSON texts grouped into `[a,b,…]` batches, each with the position of its first element. */
export function* batches(texts: readonly string[]): Generator<{ first: number; json: string }> {
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
    yield { first: start, json: `[${texts.slice(start, end).join(",")}]` };
    start = end;
  }
}

/** One array's elements as rows of its table, in order. */
export async function insertRows(
  tx: SqlQueryable,
  snapshotId: string,
  name: Exclude<RowArray, "families">,
  texts: readonly string[],
): Promise<void> {
  const { table, columns } = ROW_COLUMNS[name];
  for (const batch of batches(texts))
    await tx.query(
      `insert into ${table}
       select $1, $2 + (e.ord - 1)::int, ${columns}
       from jsonb_array_elements($3::jsonb) with ordinality as e(value, ord)`,
      [snapshotId, batch.first, batch.json],
    );
}

/**
 * The derived columns, from `d` (a DerivedFamily as JSON, without its position). Text arrays come
 * as PostgreSQL array literals (`pgTextArray`): one cast per value, where unnesting a JSON array
 * per row cost more than the rest of the family's row.
 */
const DERIVED_COLUMNS: [string, string][] = [
  ["ou_path", "d->>'ouPath'"],
  ["account_tags", "(d->>'accountTags')::text[]"],
  ["worst_rank", "(d->>'worstRank')::smallint"],
  ["severities", "(d->>'severities')::text[]"],
  ["properties", "(d->>'properties')::text[]"],
  ["finding_count", "(d->>'findingCount')::int"],
  ["waived_count", "(d->>'waivedCount')::int"],
  ["drifted", "(d->>'drifted')::boolean"],
  ["tags", "(d->>'tags')::text[]"],
  ["search", "d->>'search'"],
  ["present_regions", "(d->>'presentRegions')::text[]"],
  ["matrix_row", "d->'row'"],
];

const ARRAY_COLUMNS = [
  "accountTags",
  "severities",
  "properties",
  "tags",
  "presentRegions",
] as const;

/** `values` as a PostgreSQL text[] literal: every element quoted, `"` and `\` escaped. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

function derivedJson(derived: DerivedFamily): string {
  const { position: _position, ...rest } = derived;
  const literals = Object.fromEntries(ARRAY_COLUMNS.map((name) => [name, pgTextArray(rest[name])]));
  return JSON.stringify({ ...rest, ...literals });
}

/** The families with their derived columns (saving a snapshot). */
export async function insertFamilies(
  tx: SqlQueryable,
  snapshotId: string,
  texts: readonly string[],
  derived: DerivedFamilies,
): Promise<void> {
  const pairs = texts.map((doc, i) => {
    const d = derived.families[i];
    return `{"doc":${doc},"d":${d ? derivedJson(d) : "null"}}`;
  });
  const names = DERIVED_COLUMNS.map(([column]) => column).join(", ");
  const values = DERIVED_COLUMNS.map(([, sql]) => sql.replaceAll("d->", "e.value->'d'->")).join(
    ", ",
  );
  for (const batch of batches(pairs))
    await tx.query(
      `insert into snapshot_families
         (snapshot_id, position, family_id, kind, account, name, reference_region, doc, ${names})
       select $1, $2 + (e.ord - 1)::int, e.value->'doc'->>'id', e.value->'doc'->>'kind',
              e.value->'doc'->>'account', e.value->'doc'->>'name', e.value->'doc'->>'referenceRegion',
              e.value->'doc', ${values}
       from jsonb_array_elements($3::jsonb) with ordinality as e(value, ord)`,
      [snapshotId, batch.first, batch.json],
    );
  await markDerived(tx, snapshotId, derived.regions);
}

/** Derived columns of families already stored (a snapshot stored before they existed). */
export async function updateDerivedFamilies(
  tx: SqlQueryable,
  snapshotId: string,
  derived: DerivedFamilies,
): Promise<void> {
  const texts = derived.families.map((d) => `{"p":${d.position},"d":${derivedJson(d)}}`);
  const sets = DERIVED_COLUMNS.map(
    ([column, sql]) => `${column} = ${sql.replaceAll("d->", "e.value->'d'->")}`,
  ).join(", ");
  for (const batch of batches(texts))
    await tx.query(
      `update snapshot_families f set ${sets}
       from jsonb_array_elements($2::jsonb) as e(value)
       where f.snapshot_id = $1 and f.position = (e.value->>'p')::int`,
      [snapshotId, batch.json],
    );
  await markDerived(tx, snapshotId, derived.regions);
}

async function markDerived(tx: SqlQueryable, snapshotId: string, regions: string[]) {
  await tx.query(
    "update snapshots set derived_version = $2, matrix_regions = $3::jsonb where id = $1",
    [snapshotId, DERIVED_VERSION, JSON.stringify(regions)],
  );
}

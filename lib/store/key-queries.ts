import { z } from "zod";
import { parseStored } from "../domain/stored-snapshot";
import { resolveSnapshotId } from "./snapshot-lookup";
import type { SqlQueryable } from "./sql-client";
import type { KeyListRow, KeyPage, KeyPageQuery, SnapshotStore } from "./store-types";

export type KeyQueries = Pick<SnapshotStore, "keyPage">;

// Only the columns `/keys` shows, never the key's policy, grants or tags.
const keyRowSchema = z.strictObject({
  position: z.number(),
  arn: z.string(),
  account: z.string(),
  region: z.string(),
  key_id: z.string(),
  aliases: z.array(z.string()).nullable(),
  key_state: z.string().nullable(),
  key_manager: z.string().nullable(),
  description: z.string().nullable(),
  metadata_unread: z.boolean(),
});

const optionsSchema = z.strictObject({
  total: z.number(),
  accounts: z.array(z.string()),
  regions: z.array(z.string()),
});

/** `where` over snapshot_keys for the query's filters; values go to `params` ($1 is the snapshot). */
function filterClause(query: KeyPageQuery, params: unknown[]): string {
  const clauses = ["snapshot_id = $1"];
  if (query.account.length > 0) {
    params.push(query.account);
    clauses.push(`account collate "C" = any($${params.length}::text[])`);
  }
  if (query.region.length > 0) {
    params.push(query.region);
    clauses.push(`region collate "C" = any($${params.length}::text[])`);
  }
  const q = query.q.trim().toLowerCase();
  if (q) {
    // strpos, not like: a `%` or `_` the user types is text to find, not a wildcard.
    params.push(q);
    const p = `$${params.length}`;
    clauses.push(`(strpos(lower(key_id), ${p}) > 0
      or exists (select 1 from json_array_elements_text(case json_typeof(doc->'aliases')
                 when 'array' then doc->'aliases' else '[]'::json end) as alias
                 where strpos(lower(alias), ${p}) > 0)
      or strpos(lower(coalesce(doc->'metadata'->>'Description', '')), ${p}) > 0)`);
  }
  return clauses.join(" and ");
}

function toListRow(row: z.infer<typeof keyRowSchema>): KeyListRow {
  return {
    arn: row.arn,
    account: row.account,
    region: row.region,
    keyId: row.key_id,
    aliases: row.aliases,
    state: row.metadata_unread ? null : row.key_state,
    manager: row.key_manager,
    description: row.description ?? "",
  };
}

// The page's order; migration 5's index holds it, so an unfiltered page walks the index.
const ORDER = `account collate "C", region collate "C", position`;

/** The page's keys, by position, with only the columns `/keys` shows. */
async function readListRows(
  db: SqlQueryable,
  snapshotId: string,
  positions: number[],
): Promise<KeyListRow[]> {
  const rows = await db.query(
    `select position, arn, account, region, key_id, doc->'aliases' as aliases,
            doc->'metadata'->>'KeyState' as key_state,
            doc->'metadata'->>'KeyManager' as key_manager,
            doc->'metadata'->>'Description' as description,
            metadata_unread
     from snapshot_keys where snapshot_id = $1 and position = any($2::int[])`,
    [snapshotId, positions],
  );
  const parsed = parseStored(
    z.array(keyRowSchema),
    rows,
    `the keys of stored snapshot ${snapshotId}`,
  );
  const byPosition = new Map(parsed.map((r) => [r.position, r]));
  return positions.flatMap((p) => {
    const row = byPosition.get(p);
    return row ? [toListRow(row)] : [];
  });
}

/** One page of a snapshot's keys for `/keys` and `/api/keys`, filtered, ordered and counted in SQL. */
export function createKeyQueries(db: SqlQueryable): KeyQueries {
  return {
    async keyPage(query): Promise<KeyPage | null> {
      const snapshotId = await resolveSnapshotId(db, query.snapshotId);
      if (!snapshotId) return null;
      const params: unknown[] = [snapshotId];
      const where = filterClause(query, params);
      const limit = Math.max(0, Math.floor(query.limit));
      const offset = Math.max(0, Math.floor(query.offset));
      const [options] = await db.query(
        `select (doc->>'keys')::int as total,
                array(select distinct account from snapshot_regions r where r.snapshot_id = $1
                      order by 1) as accounts,
                array(select distinct region from snapshot_regions r where r.snapshot_id = $1
                      order by 1) as regions
         from snapshots where id = $1`,
        [snapshotId],
      );
      const label = `the keys of stored snapshot ${snapshotId}`;
      const { total, accounts, regions } = parseStored(optionsSchema, options, label);
      // First the page's positions and how many matched (reading no document unless the text
      // filter needs it), then those keys' columns. Without filters the count is the header's.
      const unfiltered = params.length === 1;
      const page = parseStored(
        z.array(z.object({ position: z.number(), matched: z.number() })),
        await db.query(
          `select position, ${unfiltered ? Math.trunc(total) : "count(*) over ()"}::int as matched
           from snapshot_keys where ${where} order by ${ORDER} limit ${limit} offset ${offset}`,
          params,
        ),
        label,
      );
      // Past the last page the window count has no row to ride on: count the filter once.
      const countMatched = async () =>
        (
          await db.query<{ n: number }>(
            `select count(*)::int as n from snapshot_keys where ${where}`,
            params,
          )
        )[0]?.n ?? 0;
      const matched =
        page[0]?.matched ?? (unfiltered ? total : offset === 0 ? 0 : await countMatched());
      const rows = await readListRows(
        db,
        snapshotId,
        page.map((p) => p.position),
      );
      return { snapshotId, total, matched, offset, accounts, regions, rows };
    },
  };
}

import { z } from "zod";
import { FAMILY_KINDS, familySchema } from "../domain/family";
import { FINDING_PROPERTIES, SEVERITIES } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { parseStored } from "../domain/stored-snapshot";
import { CELL_STATES, type FamilyRow } from "../history/family-matrix-types";
import { DERIVED_VERSION, deriveFamilies } from "./family-columns";
import { createFamilySearch } from "./family-search";
import { KEY_DOC_COLUMNS, KEY_DOCS, keyDocOf } from "./key-docs";
import { loadWholeSnapshot, readRowDocs } from "./snapshot-assembly";
import { resolveSnapshotId } from "./snapshot-lookup";
import { readPartialSnapshot, readSnapshotPart } from "./snapshot-parts";
import type { SqlClient, SqlQueryable } from "./sql-client";
import type {
  FamilyFilterOptions,
  FamilyPage,
  FamilyPageQuery,
  SnapshotStore,
} from "./store-types";
import { updateDerivedFamilies } from "./write-rows";

export type FamilyQueries = Pick<
  SnapshotStore,
  "familyPage" | "familyFilterOptions" | "familySlice" | "snapshotPart" | "resolveSnapshot"
>;

const familyRowSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(FAMILY_KINDS),
  account: z.string(),
  name: z.string(),
  referenceRegion: z.string().nullable(),
  cells: z.array(z.enum(CELL_STATES)),
  worst: z.enum(SEVERITIES).nullable(),
  severities: z.array(z.enum(SEVERITIES)),
  properties: z.array(z.enum(FINDING_PROPERTIES)),
  findings: z.number(),
  waived: z.number(),
  tags: z.array(z.string()),
  search: z.string(),
});

const headerPartsSchema = z.object({
  accounts: z.array(z.string()),
  regions: z.array(z.string()),
  families: z.number(),
});

/**
 * Each sort is one integer column, the family's rank in that sort's ascending order (derived at
 * save: lib/store/family-columns.ts); descending is the reverse, tiebreakers included.
 */
function rankColumn(sort: FamilyPageQuery["sort"]): string {
  return `rank_${sort}`;
}

/**
 * The WHERE clause of a page's filters; `$1` is the snapshot id. The text search is answered
 * before (lib/store/family-search.ts): `searched` holds the positions of the families it keeps.
 */
function filterClause(
  query: FamilyPageQuery,
  params: unknown[],
  searched: number[] | null,
): string {
  const clauses = ["snapshot_id = $1"];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  if (query.kind.length > 0) add((p) => `kind = any(${p}::text[])`, query.kind);
  if (query.account.length > 0) add((p) => `account = any(${p}::text[])`, query.account);
  if (query.severity.length > 0) add((p) => `severities && ${p}::text[]`, query.severity);
  if (query.property.length > 0) add((p) => `properties && ${p}::text[]`, query.property);
  if (query.tag.length > 0) add((p) => `tags && ${p}::text[]`, query.tag);
  if (query.region.length > 0) add((p) => `present_regions && ${p}::text[]`, query.region);
  if (query.accountTag.length > 0) add((p) => `account_tags && ${p}::text[]`, query.accountTag);
  // An OU keeps the accounts in it and in every OU below it.
  if (query.ou.length > 0)
    add(
      (p) => `(ou_path || '/') like any(${p}::text[])`,
      query.ou.map((path) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`),
    );
  if (query.waived === "yes") clauses.push("waived_count > 0");
  if (query.waived === "no") clauses.push("waived_count = 0");
  if (searched !== null) add((p) => `position = any(${p}::int[])`, searched);
  return clauses.join(" and ");
}

// One derivation per snapshot at a time in this process; others wait for it.
const deriving = new Map<string, Promise<void>>();

/**
 * Derives the family columns of a snapshot stored before they existed (or by an older kms-drift):
 * the whole snapshot is read once, checked, and its families' rows updated in one transaction.
 */
async function ensureDerived(db: SqlClient, snapshotId: string): Promise<void> {
  const [state] = await db.query<{ derived_version: number | null }>(
    "select derived_version from snapshots where id = $1",
    [snapshotId],
  );
  if (!state || state.derived_version === DERIVED_VERSION) return;
  let running = deriving.get(snapshotId);
  if (!running) {
    running = db
      .transaction(async (tx) => {
        const [locked] = await tx.query<{ derived_version: number | null }>(
          "select derived_version from snapshots where id = $1 for update",
          [snapshotId],
        );
        if (!locked || locked.derived_version === DERIVED_VERSION) return;
        const snapshot = await loadWholeSnapshot(tx, snapshotId);
        if (snapshot) await updateDerivedFamilies(tx, snapshotId, deriveFamilies(snapshot));
      })
      .finally(() => deriving.delete(snapshotId));
    deriving.set(snapshotId, running);
  }
  await running;
}

async function headerParts(db: SqlQueryable, snapshotId: string) {
  const [row] = await db.query<{ accounts: unknown; regions: unknown; families: unknown }>(
    `select doc->'accounts' as accounts, matrix_regions as regions, doc->'families' as families
     from snapshots where id = $1`,
    [snapshotId],
  );
  return parseStored(headerPartsSchema, row, `stored snapshot ${snapshotId}`);
}

async function distinctValues(
  db: SqlQueryable,
  snapshotId: string,
  column: string,
  limit: number,
): Promise<string[]> {
  const rows = await db.query<{ v: string }>(
    `select distinct v from snapshot_families, unnest(${column}) as v
     where snapshot_id = $1 order by v limit ${limit}`,
    [snapshotId],
  );
  return rows.map((r) => r.v);
}

/** Families of a snapshot paged, filtered and sorted in SQL; a family's slice for its page. */
export function createFamilyQueries(db: SqlClient): FamilyQueries {
  const search = createFamilySearch(db);
  async function resolve(id: string): Promise<string | null> {
    const resolved = await resolveSnapshotId(db, id);
    if (resolved) await ensureDerived(db, resolved);
    return resolved;
  }

  return {
    resolveSnapshot: (id) => resolveSnapshotId(db, id),

    async familyPage(query): Promise<FamilyPage | null> {
      const snapshotId = await resolve(query.snapshotId);
      if (!snapshotId) return null;
      const params: unknown[] = [snapshotId];
      const q = query.q.trim().toLowerCase();
      if (!q) search.warm(snapshotId);
      const where = filterClause(query, params, q ? await search.matching(snapshotId, q) : null);
      const header = await headerParts(db, snapshotId);
      const limit = Math.max(0, Math.floor(query.limit));
      const offset = Math.max(0, Math.floor(query.offset));
      // One pass over the families the filters keep: the page's positions (the sort carries
      // nothing else) and how many matched; the page's matrix rows are read by position after.
      // Without filters the count is the header's, and the page is a range of the sort's rank:
      // as fast at offset 40,000 as at 0.
      const unfiltered = where === "snapshot_id = $1";
      const rank = rankColumn(query.sort);
      const dir = query.dir === "desc" ? "desc" : "asc";
      const range = !unfiltered
        ? ""
        : dir === "asc"
          ? ` and ${rank} >= ${offset}`
          : ` and ${rank} < ${Math.trunc(header.families) - offset}`;
      const page = await db.query<{ position: number; matched: number }>(
        `select position, ${unfiltered ? Math.trunc(header.families) : "count(*) over ()"}::int as matched
         from snapshot_families where ${where}${range}
         order by ${rank} ${dir} limit ${limit} ${unfiltered ? "" : `offset ${offset}`}`,
        params,
      );
      const matched =
        page[0]?.matched ??
        (
          await db.query<{ n: number }>(
            `select count(*)::int as n from snapshot_families where ${where}`,
            params,
          )
        )[0]?.n ??
        0;
      const rows = await db.query<{ row: unknown }>(
        `select f.matrix_row as row
         from unnest($2::int[]) with ordinality as p(position, ord)
         join snapshot_family_docs f on f.snapshot_id = $1 and f.position = p.position
         order by p.ord`,
        [snapshotId, page.map((r) => r.position)],
      );
      return {
        snapshotId,
        regions: header.regions,
        accounts: [...header.accounts].sort(),
        total: header.families,
        matched,
        offset: query.offset,
        rows: rows.map((r): FamilyRow =>
          parseStored(familyRowSchema, r.row, `a family of stored snapshot ${snapshotId}`),
        ),
      };
    },

    async familyFilterOptions(id): Promise<FamilyFilterOptions | null> {
      const snapshotId = await resolve(id);
      if (!snapshotId) return null;
      const header = await headerParts(db, snapshotId);
      const ous = await db.query<{ ou_path: string }>(
        `select distinct ou_path from snapshot_families
         where snapshot_id = $1 and ou_path is not null order by ou_path limit 500`,
        [snapshotId],
      );
      return {
        regions: header.regions,
        accounts: [...header.accounts].sort(),
        tags: await distinctValues(db, snapshotId, "tags", 200),
        ous: ous.map((r) => r.ou_path),
        accountTags: await distinctValues(db, snapshotId, "account_tags", 200),
      };
    },

    async snapshotPart(id, spec) {
      // Drifted families are a derived column: derive it first for a snapshot stored before it.
      const snapshotId =
        spec.families === "drifted" ? await resolve(id) : await resolveSnapshotId(db, id);
      return snapshotId ? readSnapshotPart(db, snapshotId, spec) : null;
    },

    async familySlice(id, familyId): Promise<Snapshot | null> {
      const snapshotId = await resolveSnapshotId(db, id);
      if (!snapshotId) return null;
      return readFamilySlice(db, snapshotId, familyId);
    },
  };
}

/**
 * The snapshot as one family's page sees it: the header, every region and account scan, and of the
 * big arrays only the family, its findings, its members' keys (and one key per region whose
 * aliases were not listed, which says where alias families are unknown) and the events on its keys.
 */
async function readFamilySlice(
  db: SqlQueryable,
  snapshotId: string,
  familyId: string,
): Promise<Snapshot | null> {
  const families = await readRowDocs(db, "families", snapshotId, "and family_id = $2", [familyId]);
  const first = families[0];
  const family =
    first === undefined ? null : parseStored(familySchema, first, `stored snapshot ${snapshotId}`);
  const arns = family?.members.map((m) => m.arn) ?? [];
  const keyIds = family?.members.map((m) => m.keyId) ?? [];
  const account = family?.account ?? "";
  const [keys, findings, events] = await Promise.all([
    db.query<{ doc: unknown; policy: unknown }>(
      `select ${KEY_DOC_COLUMNS} from ${KEY_DOCS}
       where snapshot_id = $1 and key_id = any($2::text[]) and arn = any($3::text[])
       union all
       select ${KEY_DOC_COLUMNS} from (
         select distinct on (region) ${KEY_DOC_COLUMNS} from ${KEY_DOCS}
         where snapshot_id = $1 and account = $4 and aliases_unread order by region, position) u`,
      [snapshotId, keyIds, arns, account],
    ),
    readRowDocs(db, "findings", snapshotId, "and family_id = $2", [familyId]),
    readRowDocs(db, "events", snapshotId, "and account = $2 and key_ids && $3::text[]", [
      account,
      keyIds,
    ]),
  ]);
  return readPartialSnapshot(db, snapshotId, {
    families: first === undefined ? [] : [first],
    keys: keys.map(keyDocOf),
    findings,
    events,
  });
}

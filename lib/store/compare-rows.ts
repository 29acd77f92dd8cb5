import type { Finding } from "../domain/finding";
import { compareFindings, type SnapshotComparison } from "../history/compare";
import { readCoverageOf } from "../history/read-coverage";
import { KEY_DOC_COLUMNS, KEY_DOCS, keyDocOf } from "./key-docs";
import { readStoredCoverage, readStoredFinding } from "./read-stored";
import type { SqlQueryable } from "./sql-client";

// A finding whose compared fields (lib/history/compare.ts COMPARED_FIELDS) are equal in SQL is
// unchanged without reading its document; jsonb equality ignores member order, as canonical JSON does.
const SAME_FIELDS = `b.severity = a.severity and b.title = a.title and b.waived = a.waived
  and b.doc->'actual' is not distinct from a.doc->'actual'`;

/**
 * Two stored snapshots compared on their finding rows, joined by finding id: only new, gone and
 * changed findings are read, and of the newer snapshot only what says whether a gone finding was
 * checked (its regions, the gone findings' families and keys). The buckets and their order are
 * those of `compareFindings` over both snapshots' findings.
 */
export async function compareStoredSnapshots(
  db: SqlQueryable,
  from: string,
  to: string,
): Promise<SnapshotComparison> {
  const afterRows = await db.query<{ id: string; same: boolean | null; doc: unknown }>(
    `select a.finding_id as id, (b.position is not null and ${SAME_FIELDS}) as same,
            case when b.position is not null and ${SAME_FIELDS} then null else a.doc end as doc
     from findings a
     left join findings b on b.snapshot_id = $2 and b.finding_id = a.finding_id
     where a.snapshot_id = $1
     order by a.position`,
    [to, from],
  );
  const beforeRows = await db.query<{ doc: unknown }>(
    `select b.doc from findings b
     where b.snapshot_id = $1 and not exists (
       select 1 from findings a where a.snapshot_id = $2 and a.finding_id = b.finding_id and ${SAME_FIELDS})
     order by b.position`,
    [from, to],
  );
  const current: Finding[] = [];
  const sameIds = new Set<string>();
  for (const row of afterRows)
    if (row.same) sameIds.add(row.id);
    else current.push(readStoredFinding(row.doc, to));
  const previous = beforeRows.map((r) => readStoredFinding(r.doc, from));
  const currentIds = new Set(afterRows.map((r) => r.id));
  const gone = previous.filter((f) => !currentIds.has(f.id));
  const coverage = readCoverageOf(await coverageSlice(db, to, gone));
  const compared = compareFindings(previous, current, { from, to, coverage });
  // Unchanged ids in the newer snapshot's order, whichever side found them equal.
  const unchangedIds = new Set([...sameIds, ...compared.unchanged]);
  const unchanged = afterRows.map((r) => r.id).filter((id) => unchangedIds.has(id));
  return {
    ...compared,
    unchanged,
    counts: { ...compared.counts, unchanged: unchanged.length },
  };
}

/** What the newer snapshot read that the gone findings depend on (lib/history/read-coverage.ts). */
async function coverageSlice(db: SqlQueryable, snapshotId: string, gone: Finding[]) {
  const familyIds = [...new Set(gone.map((f) => f.familyId))];
  const [regions, families] = await Promise.all([
    db.query<{ doc: unknown }>(
      "select doc from snapshot_regions where snapshot_id = $1 order by position",
      [snapshotId],
    ),
    db.query<{ doc: unknown }>(
      `select doc from snapshot_families join snapshot_family_docs using (snapshot_id, position)
       where snapshot_id = $1 and family_id = any($2::text[])
       order by position`,
      [snapshotId, familyIds],
    ),
  ]);
  const familyDocs = families.map((r) => r.doc);
  const { families: parsedFamilies } = readStoredCoverage(
    { regions: [], families: familyDocs, keys: [] },
    snapshotId,
  );
  const keyIds = new Set(gone.map((f) => f.keyId));
  for (const family of parsedFamilies)
    for (const member of family.members)
      if (member.region === family.referenceRegion) keyIds.add(member.keyId);
  // The gone findings' keys and their families' reference keys (a superset: a multi-Region key id
  // names every replica), and one key per region whose aliases were not listed. Coverage is a set of facts about
  // the snapshot, so more keys than needed change no answer.
  const keys = await db.query<{ doc: unknown; policy: unknown }>(
    `select ${KEY_DOC_COLUMNS} from ${KEY_DOCS}
     where snapshot_id = $1 and key_id = any($2::text[])
     union all
     select ${KEY_DOC_COLUMNS} from (
       select distinct on (account, region) ${KEY_DOC_COLUMNS} from ${KEY_DOCS}
       where snapshot_id = $1 and aliases_unread order by account, region, position) u`,
    [snapshotId, [...keyIds]],
  );
  return readStoredCoverage(
    { regions: regions.map((r) => r.doc), families: familyDocs, keys: keys.map(keyDocOf) },
    snapshotId,
  );
}

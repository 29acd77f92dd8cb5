import { compareFindings } from "../history/compare";
import { readCoverageOf } from "../history/read-coverage";
import { readStoredCoverage } from "./read-stored";
import { readFindings } from "./save-snapshot";
import { requireSnapshotId, resolveSnapshotId } from "./snapshot-lookup";
import type { SqlQueryable } from "./sql-client";
import type { FindingQuery, SnapshotStore } from "./store-types";

export type FindingQueries = Pick<SnapshotStore, "findings" | "compareSnapshots">;

/** One snapshot's finding rows, filtered by their indexed columns, and two snapshots' compared. */
export function createFindingQueries(db: SqlQueryable): FindingQueries {
  return {
    async findings(query: FindingQuery) {
      const snapshotId = await resolveSnapshotId(db, query.snapshotId);
      if (!snapshotId) return [];
      const params: unknown[] = [snapshotId];
      const clauses = ["snapshot_id = $1"];
      const filters: [string, string | undefined][] = [
        ["family_id", query.familyId],
        ["property", query.property],
        ["severity", query.severity],
        ["region", query.region],
        ["finding_id", query.id],
      ];
      for (const [column, value] of filters) {
        if (value === undefined) continue;
        params.push(value);
        clauses.push(`${column} = $${params.length}`);
      }
      return readFindings(db, clauses.join(" and "), params);
    },

    async compareSnapshots(fromId, toId) {
      const [from, to] = await Promise.all([
        requireSnapshotId(db, fromId),
        requireSnapshotId(db, toId),
      ]);
      const [before, after, read] = await Promise.all([
        readFindings(db, "snapshot_id = $1", [from]),
        readFindings(db, "snapshot_id = $1", [to]),
        db.query<{ regions: unknown; families: unknown; keys: unknown }>(
          `select doc->'regions' as regions, doc->'families' as families, doc->'keys' as keys
           from snapshots where id = $1`,
          [to],
        ),
      ]);
      const coverage = read[0] ? readCoverageOf(readStoredCoverage(read[0], to)) : undefined;
      return compareFindings(before, after, { from, to, ...(coverage ? { coverage } : {}) });
    },
  };
}

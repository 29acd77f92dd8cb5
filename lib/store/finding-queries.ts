import { compareStoredSnapshots } from "./compare-rows";
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
        ["account", query.account],
      ];
      for (const [column, value] of filters) {
        if (value === undefined) continue;
        params.push(value);
        clauses.push(`${column} = $${params.length}`);
      }
      if (query.waived !== undefined) {
        params.push(query.waived);
        clauses.push(`waived = $${params.length}`);
      }
      return readFindings(db, clauses.join(" and "), params);
    },

    async compareSnapshots(fromId, toId) {
      const [from, to] = await Promise.all([
        requireSnapshotId(db, fromId),
        requireSnapshotId(db, toId),
      ]);
      return compareStoredSnapshots(db, from, to);
    },
  };
}

import type { Snapshot } from "../domain/snapshot";
import { clampLimit, previousSnapshotId, resolveSnapshotId } from "./snapshot-lookup";
import { readStoredComparison, readStoredListing } from "./read-stored";
import { loadWholeSnapshot } from "./snapshot-assembly";
import type { SqlQueryable } from "./sql-client";
import type { SnapshotListItem } from "../history/listing";
import type { SnapshotStore } from "./store-types";

export type SnapshotReads = Pick<
  SnapshotStore,
  "listSnapshots" | "getSnapshot" | "previousSnapshot" | "getChanges"
>;

/** Whole snapshots, their list and the comparison stored with each. */
export function createSnapshotReads(db: SqlQueryable): SnapshotReads {
  async function loadSnapshot(id: string | null): Promise<Snapshot | null> {
    if (!id) return null;
    return loadWholeSnapshot(db, id);
  }

  return {
    async listSnapshots(opts = {}) {
      const params: unknown[] = [clampLimit(opts.limit, 50)];
      let where = "";
      if (opts.before) {
        params.push(opts.before);
        where = `where (s.started_ts, s.seq) < (select started_ts, seq from snapshots where id = $2)`;
      }
      const rows = await db.query<{
        id: string;
        started_at: string;
        finished_at: string;
        summary: unknown;
        source: unknown;
        counts: unknown;
      }>(
        `select s.id, s.started_at, s.finished_at, s.summary, s.source, c.counts
         from snapshots s left join snapshot_changes c on c.snapshot_id = s.id
         ${where} order by s.started_ts desc, s.seq desc limit $1`,
        params,
      );
      return rows.map((r): SnapshotListItem => ({
        id: r.id,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        ...readStoredListing({ summary: r.summary, source: r.source, changes: r.counts }, r.id),
      }));
    },

    async getSnapshot(id) {
      return loadSnapshot(await resolveSnapshotId(db, id));
    },

    async previousSnapshot(id) {
      const resolved = await resolveSnapshotId(db, id);
      return resolved ? loadSnapshot(await previousSnapshotId(db, resolved)) : null;
    },

    async getChanges(id) {
      const resolved = await resolveSnapshotId(db, id);
      if (!resolved) return null;
      const rows = await db.query<{ comparison: unknown }>(
        "select comparison from snapshot_changes where snapshot_id = $1",
        [resolved],
      );
      return rows[0] ? readStoredComparison(rows[0].comparison, resolved) : null;
    },
  };
}

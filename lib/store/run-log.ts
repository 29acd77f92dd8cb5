import { clampLimit } from "./snapshot-lookup";
import type { SqlQueryable } from "./sql-client";
import { toStorableText } from "./storable-json";
import type { RunRecord, SnapshotStore } from "./store-types";

export type RunLog = Pick<SnapshotStore, "recordRun" | "listRuns">;

/** Every scan run (`ok | failed | skipped`) with its reason, saved or not. */
export function createRunLog(db: SqlQueryable): RunLog {
  return {
    async recordRun(run) {
      await db.query(
        `insert into scan_runs (started_at, finished_at, trigger, status, reason, snapshot_id)
         values ($1, $2, $3, $4, $5, $6)`,
        [
          run.startedAt,
          run.finishedAt ?? null,
          run.trigger,
          run.status,
          run.reason === undefined ? null : toStorableText(run.reason),
          run.snapshotId ?? null,
        ],
      );
    },

    async listRuns(limit) {
      const rows = await db.query<{
        id: number;
        started_at: string;
        finished_at: string | null;
        trigger: RunRecord["trigger"];
        status: RunRecord["status"];
        reason: string | null;
        snapshot_id: string | null;
      }>(
        `select id, started_at, finished_at, trigger, status, reason, snapshot_id
         from scan_runs order by id desc limit $1`,
        [clampLimit(limit, 50)],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        trigger: r.trigger,
        status: r.status,
        reason: r.reason,
        snapshotId: r.snapshot_id,
      }));
    },
  };
}

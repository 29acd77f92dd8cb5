import type pg from "pg";
import { QUEUE_SCHEMA } from "./queue-schema";
import { shardResultSchema, type ShardResult } from "./shard-result";
import type { ShardWave } from "./shard-job";

const T = `${QUEUE_SCHEMA}.shard_result`;

/**
 * Writes a shard's whole result in one statement (so one transaction), replacing any earlier
 * result of the same shard: a retried shard never counts twice. A replacement takes its own
 * transaction's id, so a coordinator polling past the first write still sees the final one.
 */
export async function writeShardResult(
  pool: pg.Pool,
  shard: { scanId: string; account: string; region: string },
  result: ShardResult,
  by: { workerId: string; attempt: number },
): Promise<void> {
  await pool.query(
    `insert into ${T} (scan_id, wave, account, region, result, worker_id, attempt)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (scan_id, wave, account, region) do update
       set result = excluded.result, worker_id = excluded.worker_id,
           attempt = excluded.attempt, written_at = now(), written_tx = pg_current_xact_id()`,
    [
      shard.scanId,
      result.wave,
      shard.account,
      shard.region,
      JSON.stringify(result),
      by.workerId,
      by.attempt,
    ],
  );
}

export interface StoredShardResult {
  account: string;
  region: string;
  result: ShardResult;
}

/** Where a coordinator's reading of one wave's results stands (a transaction id, as text). */
export type ShardResultCursor = string;
export const FIRST_CURSOR: ShardResultCursor = "0";

/**
 * The results of one wave written since `after`, and the cursor for the next call. The cursor is
 * the xmin of this read's snapshot: every transaction below it had ended, so its rows were read
 * now, and a row written later has a higher transaction id. The cost is the rows written since
 * the last read (plus the few in flight then, which come again: the caller ignores shards it
 * already has), however many came before.
 */
export async function readNewShardResults(
  pool: pg.Pool,
  scanId: string,
  wave: ShardWave,
  after: ShardResultCursor,
): Promise<{ results: StoredShardResult[]; cursor: ShardResultCursor }> {
  const { rows } = await pool.query<{
    horizon: string;
    account: string | null;
    region: string | null;
    result: unknown;
  }>(
    `select h.horizon::text as horizon, r.account, r.region, r.result
     from (select pg_snapshot_xmin(pg_current_snapshot()) as horizon) h
     left join ${T} r on r.scan_id = $1 and r.wave = $2 and r.written_tx >= $3::xid8`,
    [scanId, wave, after],
  );
  const results = rows.flatMap((row) => {
    if (row.account === null || row.region === null) return [];
    const parsed = shardResultSchema.safeParse(row.result);
    if (!parsed.success || parsed.data.wave !== wave)
      throw new Error(
        `unreadable ${wave} result for ${row.account} ${row.region}: ${parsed.error?.issues[0]?.message ?? "wrong wave"}`,
      );
    return [{ account: row.account, region: row.region, result: parsed.data }];
  });
  return { results, cursor: rows[0]?.horizon ?? after };
}

/** A coordinated scan starts: its row holds its deadline, and its results hang off it. */
export async function beginDistributedScan(
  pool: pg.Pool,
  scanId: string,
  deadlineAt: Date,
): Promise<void> {
  // Results of scans whose coordinator went away: workers finished them for nobody.
  await pool.query(
    `delete from ${T} where scan_id in (select id from ${QUEUE_SCHEMA}.distributed_scan
       where finished_at is null and deadline_at < now() - interval '1 hour')`,
  );
  await pool.query(
    `insert into ${QUEUE_SCHEMA}.distributed_scan (id, deadline_at) values ($1, $2)`,
    [scanId, deadlineAt],
  );
}

/** Shards enqueued (done and failed are counted as they end). */
export async function countShards(
  pool: pg.Pool,
  scanId: string,
  count: { added?: number; failed?: number },
): Promise<void> {
  await pool.query(
    `update ${QUEUE_SCHEMA}.distributed_scan
     set shards_total = shards_total + $2, shards_failed = shards_failed + $3 where id = $1`,
    [scanId, count.added ?? 0, count.failed ?? 0],
  );
}

/**
 * The scan's list wave (`listed`) or read wave and trail (`read`) ended at `at`: where its time
 * went. The time is the coordinator's, not the server's: the write may wait behind the stages
 * that follow.
 */
export async function markDistributedScan(
  pool: pg.Pool,
  scanId: string,
  stage: "listed" | "read",
  at: Date,
): Promise<void> {
  const column = stage === "listed" ? "listed_at" : "read_at";
  await pool.query(`update ${QUEUE_SCHEMA}.distributed_scan set ${column} = $2 where id = $1`, [
    scanId,
    at,
  ]);
}

/** The scan is assembled: its results are no longer needed (they are in the snapshot). */
export async function finishDistributedScan(pool: pg.Pool, scanId: string): Promise<void> {
  await pool.query(
    `update ${QUEUE_SCHEMA}.distributed_scan
     set finished_at = now(), shards_done = (select count(*) from ${T} where scan_id = $1)
     where id = $1`,
    [scanId],
  );
  await pool.query(`delete from ${T} where scan_id = $1`, [scanId]);
}

import os from "node:os";
import type pg from "pg";
import type { DistributedScanView, WorkerView } from "../views/workers-status";
import { QUEUE_SCHEMA } from "./queue-schema";

const T = `${QUEUE_SCHEMA}.worker`;

/** How often a worker says it is alive; three missed beats and it is listed as gone. */
export const HEARTBEAT_MS = 5_000;
const ALIVE_WITHIN_SECONDS = (3 * HEARTBEAT_MS) / 1000;

export async function registerWorker(
  pool: pg.Pool,
  worker: { id: string; concurrency: number },
): Promise<void> {
  await pool.query(`insert into ${T} (id, host, pid, concurrency) values ($1, $2, $3, $4)`, [
    worker.id,
    os.hostname(),
    process.pid,
    worker.concurrency,
  ]);
}

export async function heartbeat(pool: pg.Pool, workerId: string): Promise<void> {
  await pool.query(`update ${T} set heartbeat_at = now() where id = $1`, [workerId]);
}

/** A shard starts on this worker. */
export async function countWorkerShardStarted(pool: pg.Pool, workerId: string): Promise<void> {
  await pool.query(`update ${T} set shards_active = shards_active + 1 where id = $1`, [workerId]);
}

/**
 * A shard ended here: done (`error` undefined) or the attempt failed (its one-line reason).
 * `calls`: the AWS calls it made (a done shard's; a failed attempt's are not counted).
 */
export async function countWorkerShard(
  pool: pg.Pool,
  workerId: string,
  error?: string,
  calls = 0,
): Promise<void> {
  if (error === undefined)
    await pool.query(
      `update ${T} set shards_done = shards_done + 1, shards_active = greatest(shards_active - 1, 0),
         calls = calls + $2
       where id = $1`,
      [workerId, calls],
    );
  else
    await pool.query(
      `update ${T} set shards_failed = shards_failed + 1, shards_active = greatest(shards_active - 1, 0),
         last_error = $2, last_error_at = now()
       where id = $1`,
      [workerId, error],
    );
}

export async function markWorkerStopped(pool: pg.Pool, workerId: string): Promise<void> {
  await pool.query(`update ${T} set stopped_at = now() where id = $1`, [workerId]);
}

/** Workers alive now, and those seen within the last hour (stopped or lost), newest first. */
export async function listWorkers(pool: pg.Pool): Promise<WorkerView[]> {
  const { rows } = await pool.query<{
    id: string;
    host: string;
    pid: number;
    concurrency: number;
    started_at: Date;
    heartbeat_at: Date;
    alive: boolean;
    shards_active: number;
    shards_done: number;
    shards_failed: number;
    last_error: string | null;
  }>(
    `select id, host, pid, concurrency, started_at, heartbeat_at, shards_active, shards_done, shards_failed,
            last_error,
            (stopped_at is null and heartbeat_at > now() - make_interval(secs => $1)) as alive
     from ${T}
     where heartbeat_at > now() - interval '1 hour'
     order by alive desc, started_at desc
     limit 200`,
    [ALIVE_WITHIN_SECONDS],
  );
  return rows.map((r) => ({
    id: r.id,
    host: r.host,
    pid: r.pid,
    concurrency: r.concurrency,
    startedAt: r.started_at.toISOString(),
    heartbeatAt: r.heartbeat_at.toISOString(),
    alive: r.alive,
    shardsActive: r.alive ? r.shards_active : 0,
    shardsDone: r.shards_done,
    shardsFailed: r.shards_failed,
    lastError: r.last_error,
  }));
}

/** The latest coordinated scan and how many of its shards have a result. */
export async function latestDistributedScan(pool: pg.Pool): Promise<DistributedScanView | null> {
  const { rows } = await pool.query<{
    id: string;
    started_at: Date;
    finished_at: Date | null;
    shards_total: number;
    shards_done: string;
    shards_failed: number;
  }>(
    `select s.id, s.started_at, s.finished_at, s.shards_total, s.shards_failed,
            coalesce(s.shards_done,
              (select count(*) from ${QUEUE_SCHEMA}.shard_result r where r.scan_id = s.id)) as shards_done
     from ${QUEUE_SCHEMA}.distributed_scan s order by s.started_at desc limit 1`,
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    id: row.id,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    shardsTotal: row.shards_total,
    shardsDone: Number(row.shards_done),
    shardsFailed: row.shards_failed,
  };
}

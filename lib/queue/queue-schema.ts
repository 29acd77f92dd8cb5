import type pg from "pg";

/** pg-boss's tables and kms-drift's own queue tables live in this schema, apart from the store. */
export const QUEUE_SCHEMA = "kms_drift_queue";
/** The one pg-boss queue every shard goes through; a job's `wave` says what it does. */
export const SHARD_QUEUE = "kms-drift.shard";

// A constant key for pg_advisory_lock: processes starting together set the queue up one at a time.
const SETUP_LOCK = 0x6b6d7371;

/**
 * kms-drift's queue tables, beside pg-boss's own (job, queue, archive, version…):
 * - `distributed_scan`: one row per coordinated scan (its deadline and how many shards it holds);
 * - `shard_result`: each finished shard's result, keyed (scan, wave, account, region). A retried
 *   shard replaces the row: one result per shard, never two;
 * - `worker`: the worker processes, their heartbeat and what they did.
 */
const TABLES = `
  create schema if not exists ${QUEUE_SCHEMA};
  create table if not exists ${QUEUE_SCHEMA}.distributed_scan (
    id uuid primary key,
    started_at timestamptz not null default now(),
    deadline_at timestamptz not null,
    finished_at timestamptz,
    shards_total integer not null default 0,
    -- Set when the scan finishes (its results are deleted then); counted live until then.
    shards_done integer,
    shards_failed integer not null default 0
  );
  create table if not exists ${QUEUE_SCHEMA}.shard_result (
    scan_id uuid not null references ${QUEUE_SCHEMA}.distributed_scan(id) on delete cascade,
    wave text not null,
    account text not null,
    region text not null,
    result json not null,
    worker_id uuid,
    attempt integer not null,
    written_at timestamptz not null default now(),
    primary key (scan_id, wave, account, region)
  );
  create table if not exists ${QUEUE_SCHEMA}.worker (
    id uuid primary key,
    host text not null,
    pid integer not null,
    concurrency integer not null,
    started_at timestamptz not null default now(),
    heartbeat_at timestamptz not null default now(),
    stopped_at timestamptz,
    shards_active integer not null default 0,
    shards_done integer not null default 0,
    shards_failed integer not null default 0,
    last_error text,
    last_error_at timestamptz
  );
`;

/**
 * Creates the queue tables, then runs `alsoLocked` (pg-boss's own install and queue creation),
 * one process at a time: workers started together otherwise run DDL on the same schema at once,
 * and PostgreSQL answers one of them "deadlock detected".
 */
export async function setUpQueue(pool: pg.Pool, alsoLocked: () => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [SETUP_LOCK]);
    try {
      await client.query(TABLES);
      await alsoLocked();
    } finally {
      await client.query("select pg_advisory_unlock($1)", [SETUP_LOCK]);
    }
  } finally {
    client.release();
  }
}

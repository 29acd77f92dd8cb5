import type pg from "pg";

/** pg-boss's tables and kms-drift's own queue tables live in this schema, apart from the store. */
export const QUEUE_SCHEMA = "kms_drift_queue";
/** The one pg-boss queue every shard goes through; a job's `wave` says what it does. */
export const SHARD_QUEUE = "kms-drift.shard";

// A constant key for pg_advisory_lock: processes starting together set the queue up one at a time.
const SETUP_LOCK = 0x6b6d7371;

/** Where the applied versions of kms-drift's queue tables are recorded (pg-boss keeps its own). */
export const QUEUE_MIGRATIONS_TABLE = `${QUEUE_SCHEMA}.kms_drift_migrations`;

export interface QueueMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * kms-drift's queue tables, beside pg-boss's own (job, queue, archive, version…), versioned like
 * the store's (lib/store/migrations.ts). Append new versions; never edit one that has shipped.
 * - `distributed_scan`: one row per coordinated scan (its deadline and how many shards it holds);
 * - `shard_result`: each finished shard's result, keyed (scan, wave, account, region). A retried
 *   shard replaces the row: one result per shard, never two;
 * - `worker`: the worker processes, their heartbeat and what they did.
 */
export const QUEUE_MIGRATIONS: readonly QueueMigration[] = [
  {
    version: 1,
    name: "distributed_scan, shard_result, worker",
    // `if not exists`: databases set up before the queue tables were versioned already hold them.
    sql: `
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
      );`,
  },
  {
    version: 2,
    name: "shard_result.written_tx: the coordinator reads only results written since its last poll",
    // The writing transaction's id, not a sequence value: a sequence number is taken before its
    // row commits, so a later number can become visible first and a poll for "above the last
    // number seen" would skip the earlier one for good. Transaction ids below a snapshot's xmin
    // are all finished, which gives the coordinator a cursor that never skips a row.
    sql: `
      alter table ${QUEUE_SCHEMA}.shard_result
        add column written_tx xid8 not null default pg_current_xact_id();
      create index shard_result_written_idx
        on ${QUEUE_SCHEMA}.shard_result (scan_id, wave, written_tx);`,
  },
  {
    version: 3,
    name: "worker.calls and distributed_scan.listed_at / read_at: where a distributed scan's time goes",
    sql: `
      alter table ${QUEUE_SCHEMA}.worker add column calls bigint not null default 0;
      alter table ${QUEUE_SCHEMA}.distributed_scan
        add column listed_at timestamptz,
        add column read_at timestamptz;`,
  },
];

/**
 * Applies the queue tables' pending migrations in one transaction, then runs `alsoLocked`
 * (pg-boss's own install, which versions its tables itself, and queue creation), one process at a
 * time: workers started together otherwise run DDL on the same schema at once, and PostgreSQL
 * answers one of them "deadlock detected". Returns the versions applied.
 */
export async function setUpQueue(
  pool: pg.Pool,
  alsoLocked: () => Promise<void>,
  migrations: readonly QueueMigration[] = QUEUE_MIGRATIONS,
): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [SETUP_LOCK]);
    try {
      const applied = await migrateQueueTables(client, migrations);
      await alsoLocked();
      return applied;
    } finally {
      await client.query("select pg_advisory_unlock($1)", [SETUP_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function migrateQueueTables(
  client: pg.PoolClient,
  migrations: readonly QueueMigration[],
): Promise<number[]> {
  await client.query("begin");
  try {
    await client.query(`
      create schema if not exists ${QUEUE_SCHEMA};
      create table if not exists ${QUEUE_MIGRATIONS_TABLE} (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`);
    const { rows } = await client.query<{ version: number }>(
      `select version from ${QUEUE_MIGRATIONS_TABLE}`,
    );
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(`insert into ${QUEUE_MIGRATIONS_TABLE} (version, name) values ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query("commit");
    return applied;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  }
}

import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openQueue } from "./open-queue";
import { QUEUE_MIGRATIONS, QUEUE_MIGRATIONS_TABLE, QUEUE_SCHEMA, setUpQueue } from "./queue-schema";
import type { ListResult } from "./shard-result";
import {
  beginDistributedScan,
  FIRST_CURSOR,
  readNewShardResults,
  writeShardResult,
} from "./shard-results";
import { createQueueDatabase } from "./testing/queue-database";

/** A list shard's result whose listing holds one key named `keyId`. */
function listed(account: string, region: string, keyId: string): ListResult {
  return {
    wave: "list",
    status: "pending",
    listing: { account, region, keys: [{ keyId, arn: `arn:${keyId}` }], aliases: [] },
    stats: {
      calls: 2,
      throttles: 0,
      byOperation: { ListKeys: 1, ListAliases: 1 },
      peakInFlight: 1,
    },
  };
}

/** The queue tables as kms-drift created them before they were versioned (no migration table). */
const UNVERSIONED_TABLES = `
  create schema ${QUEUE_SCHEMA};
  create table ${QUEUE_SCHEMA}.distributed_scan (
    id uuid primary key, started_at timestamptz not null default now(),
    deadline_at timestamptz not null, finished_at timestamptz,
    shards_total integer not null default 0, shards_done integer,
    shards_failed integer not null default 0);
  create table ${QUEUE_SCHEMA}.shard_result (
    scan_id uuid not null references ${QUEUE_SCHEMA}.distributed_scan(id) on delete cascade,
    wave text not null, account text not null, region text not null, result json not null,
    worker_id uuid, attempt integer not null, written_at timestamptz not null default now(),
    primary key (scan_id, wave, account, region));
  create table ${QUEUE_SCHEMA}.worker (
    id uuid primary key, host text not null, pid integer not null, concurrency integer not null,
    started_at timestamptz not null default now(), heartbeat_at timestamptz not null default now(),
    stopped_at timestamptz, shards_active integer not null default 0,
    shards_done integer not null default 0, shards_failed integer not null default 0,
    last_error text, last_error_at timestamptz);
`;

/**
 * Polls until a poll finds nothing new. A row whose transaction was still running when the cursor
 * was taken comes once more, so on a server with other work (other test files' databases share its
 * transaction ids) the first poll after a write may repeat it; then nothing.
 */
async function settled(
  pool: pg.Pool,
  scanId: string,
  cursor: string,
): Promise<{ results: unknown[]; polls: number }> {
  let at = cursor;
  for (let polls = 1; ; polls += 1) {
    const read = await readNewShardResults(pool, scanId, "list", at);
    if (read.results.length === 0 || polls === 50) return { results: read.results, polls };
    at = read.cursor;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the queue's tables on PostgreSQL: versioned, and results read incrementally", () => {
  const databases: { url: string; drop(): Promise<void> }[] = [];
  const pools: pg.Pool[] = [];
  const newDatabase = async () => {
    const database = await createQueueDatabase();
    databases.push(database);
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    pools.push(pool);
    return { url: database.url, pool };
  };

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await Promise.all(databases.map((d) => d.drop()));
  }, 60_000);

  it("upgrades a database set up before the tables were versioned, keeping its rows", async () => {
    const { url, pool } = await newDatabase();
    await pool.query(UNVERSIONED_TABLES);
    const scanId = randomUUID();
    await pool.query(
      `insert into ${QUEUE_SCHEMA}.distributed_scan (id, deadline_at) values ($1, now() + interval '1 hour')`,
      [scanId],
    );
    await pool.query(
      `insert into ${QUEUE_SCHEMA}.shard_result (scan_id, wave, account, region, result, attempt)
         values ($1, 'list', '111111111111', 'eu-west-1', $2, 1)`,
      [scanId, JSON.stringify(listed("111111111111", "eu-west-1", "k-old"))],
    );

    const queue = await openQueue(url);
    await queue.close();

    const { rows: versions } = await pool.query<{ version: number }>(
      `select version from ${QUEUE_MIGRATIONS_TABLE} order by version`,
    );
    expect(versions.map((v) => v.version)).toEqual(QUEUE_MIGRATIONS.map((m) => m.version));
    const { rows: columns } = await pool.query<{ column_name: string }>(
      `select column_name from information_schema.columns
         where table_schema = $1 and table_name = 'shard_result' and column_name = 'written_tx'`,
      [QUEUE_SCHEMA],
    );
    expect(columns).toHaveLength(1);
    const read = await readNewShardResults(pool, scanId, "list", FIRST_CURSOR);
    expect(read.results.map((r) => r.result)).toEqual([
      listed("111111111111", "eu-west-1", "k-old"),
    ]);

    // A second start finds nothing left to apply.
    expect(await setUpQueue(pool, async () => undefined)).toEqual([]);
  });

  it("a poll after 3,600 results sends a request as small as the first and gets only what is new", async () => {
    const { pool } = await newDatabase();
    await setUpQueue(pool, async () => undefined);
    const scanId = randomUUID();
    await beginDistributedScan(pool, scanId, new Date(Date.now() + 3_600_000));
    const sent: number[] = [];
    const watched = {
      query: (text: string, values: unknown[]) => {
        sent.push(JSON.stringify(values).length);
        return pool.query(text, values);
      },
    } as unknown as pg.Pool;

    const by = { workerId: randomUUID(), attempt: 1 };
    const shards = Array.from({ length: 3_600 }, (_, i) => ({
      scanId,
      account: String(100_000_000_000 + Math.floor(i / 30)),
      region: `region-${i % 30}`,
    }));
    let cursor = FIRST_CURSOR;
    const seen = new Set<string>();
    for (let i = 0; i < shards.length; i += 400) {
      await Promise.all(
        shards
          .slice(i, i + 400)
          .map((s) => writeShardResult(pool, s, listed(s.account, s.region, "k"), by)),
      );
      const read = await readNewShardResults(watched, scanId, "list", cursor);
      cursor = read.cursor;
      for (const r of read.results) seen.add(`${r.account}|${r.region}`);
    }
    expect(seen.size).toBe(3_600);

    expect((await settled(watched, scanId, cursor)).results).toEqual([]);
    // The request carries the scan, the wave and a cursor: not the 3,600 shards already read.
    expect(sent.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...sent)).toBeLessThan(120);
  });

  it("a shard rewritten after a poll read it comes again with its final value, then no more", async () => {
    const { pool } = await newDatabase();
    await setUpQueue(pool, async () => undefined);
    const scanId = randomUUID();
    await beginDistributedScan(pool, scanId, new Date(Date.now() + 3_600_000));
    const shard = { scanId, account: "222222222222", region: "us-east-1" };
    const first = { workerId: randomUUID(), attempt: 1 };
    const retry = { workerId: randomUUID(), attempt: 2 };

    // Written twice before any poll: one row, the final value.
    await writeShardResult(pool, shard, listed(shard.account, shard.region, "k-1"), first);
    await writeShardResult(pool, shard, listed(shard.account, shard.region, "k-2"), retry);
    const one = await readNewShardResults(pool, scanId, "list", FIRST_CURSOR);
    expect(one.results.map((r) => r.result)).toEqual([listed(shard.account, shard.region, "k-2")]);

    // Rewritten after the poll: the next poll has it (keeping the first cursor would hide it).
    await writeShardResult(pool, shard, listed(shard.account, shard.region, "k-3"), retry);
    const two = await readNewShardResults(pool, scanId, "list", one.cursor);
    expect(two.results.map((r) => r.result)).toEqual([listed(shard.account, shard.region, "k-3")]);
    expect((await settled(pool, scanId, two.cursor)).results).toEqual([]);
  });
});

import pg from "pg";
import PgBoss from "pg-boss";
import { QUEUE_SCHEMA, setUpQueue, SHARD_QUEUE } from "./queue-schema";

/**
 * How soon a shard whose worker died is noticed: pg-boss's maintenance (which fails jobs past
 * their lease, then retries them) runs this often, once for all processes (it takes a lock).
 */
const MAINTENANCE_INTERVAL_SECONDS = 2;

/** The queue's two handles on one PostgreSQL: pg-boss for the jobs, a pool for kms-drift's tables. */
export interface QueueConnection {
  boss: PgBoss;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Opens the queue in the PostgreSQL of `connectionString`, creating pg-boss's schema and ours. */
export async function openQueue(
  connectionString: string,
  options: { onError?: (error: Error) => void } = {},
): Promise<QueueConnection> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  // Idle clients that lose the server emit 'error' on the pool; without a listener the process dies.
  pool.on("error", () => undefined);
  const boss = new PgBoss({
    connectionString,
    schema: QUEUE_SCHEMA,
    max: 6,
    application_name: "kms-drift",
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
  });
  boss.on("error", (error) => options.onError?.(error));
  try {
    await setUpQueue(pool, async () => {
      await boss.start();
      await boss.createQueue(SHARD_QUEUE, { name: SHARD_QUEUE, policy: "standard" });
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    boss,
    pool,
    async close() {
      await boss.stop({ graceful: false, wait: true });
      await pool.end();
    },
  };
}

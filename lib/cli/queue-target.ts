import type { EnvOf } from "../env/env";
import { openQueue, type QueueConnection } from "../queue/open-queue";
import { DEFAULT_LEASE, type ShardLease } from "../queue/shard-queue";
import { UsageError } from "./io";
import { firstLineOf } from "../domain/first-line";

/** The queue's database, or the one-line reason a command that needs it cannot run. */
export function requireQueueDatabase(env: EnvOf<"cli">, command: string): string {
  if (env.DATABASE_URL === undefined)
    throw new UsageError(
      `${command} needs DATABASE_URL (postgres://…): the job queue lives in PostgreSQL`,
    );
  return env.DATABASE_URL;
}

/** A queue server that cannot be reached: a usage error (exit 2), not a crash. */
export function queueUnreachable(error: unknown): UsageError {
  return new UsageError(
    `cannot open the job queue in DATABASE_URL: ${firstLineOf(error, "failed")}`,
  );
}

/** Opens the job queue, or explains why it cannot. */
export async function openQueueOrExplain(databaseUrl: string): Promise<QueueConnection> {
  try {
    return await openQueue(databaseUrl);
  } catch (error) {
    throw queueUnreachable(error);
  }
}

/** How long a worker holds a shard (KMS_DRIFT_SHARD_LEASE seconds), with the default retries. */
export function shardLease(env: EnvOf<"cli">): ShardLease {
  return env.KMS_DRIFT_SHARD_LEASE === undefined
    ? DEFAULT_LEASE
    : { ...DEFAULT_LEASE, leaseSeconds: env.KMS_DRIFT_SHARD_LEASE };
}

import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { z } from "zod";
import type { QueueConnection } from "./open-queue";
import { QUEUE_SCHEMA, SHARD_QUEUE } from "./queue-schema";
import type { ShardJob } from "./shard-job";

/** How long a worker holds a shard, and how often a failing shard is tried again. */
export interface ShardLease {
  /**
   * Past this (plus the time the shard's own quotas may need) a shard's worker is presumed dead:
   * pg-boss fails the job and retries it elsewhere. pg-boss 10 cannot extend a lease.
   */
  leaseSeconds: number;
  /** Retries after the first attempt. */
  retryLimit: number;
  retryDelaySeconds: number;
}

export const DEFAULT_LEASE: ShardLease = { leaseSeconds: 300, retryLimit: 2, retryDelaySeconds: 1 };

/** Puts shard jobs on the queue, each with its lease; returns each job's id in the order given. */
export async function enqueueShards(
  queue: QueueConnection,
  jobs: readonly { job: ShardJob; leaseSeconds: number }[],
  lease: ShardLease,
): Promise<string[]> {
  const ids = jobs.map(() => randomUUID());
  // Inserted in slices: one statement carries every job's data as one JSON parameter.
  const SLICE = 500;
  for (let i = 0; i < jobs.length; i += SLICE) {
    await queue.boss.insert(
      jobs.slice(i, i + SLICE).map(({ job, leaseSeconds }, j) => ({
        id: ids[i + j],
        name: SHARD_QUEUE,
        data: job,
        expireInSeconds: leaseSeconds,
        retryLimit: lease.retryLimit,
        retryDelay: lease.retryDelaySeconds,
        retryBackoff: false,
      })),
    );
  }
  return ids;
}

const failedOutputSchema = z
  .object({
    message: z.string().optional(),
    value: z.object({ message: z.string().optional() }).optional(),
  })
  .nullable();

export interface FailedShardJob {
  id: string;
  /** Attempts made. */
  attempts: number;
  /** The last attempt's error, or pg-boss's "job failed by timeout" when its worker was lost. */
  message: string;
  expired: boolean;
}

/**
 * Which of `ids` failed for good (every retry used). Read from pg-boss's `job` table (pg-boss 10):
 * one query for every job still open, where `getJobById` would be one per job.
 */
export async function findFailedShards(
  queue: QueueConnection,
  ids: readonly string[],
): Promise<FailedShardJob[]> {
  if (ids.length === 0) return [];
  const { rows } = await queue.pool.query<{ id: string; retry_count: number; output: unknown }>(
    `select id, retry_count, output from ${QUEUE_SCHEMA}.job
     where name = $1 and id = any($2::uuid[]) and state = 'failed'`,
    [SHARD_QUEUE, ids],
  );
  return rows.map((row) => {
    const output = failedOutputSchema.safeParse(row.output);
    const message =
      (output.success ? (output.data?.message ?? output.data?.value?.message) : undefined) ??
      "failed";
    return {
      id: row.id,
      attempts: row.retry_count + 1,
      message,
      expired: /failed by timeout/.test(message),
    };
  });
}

/** Withdraws jobs nobody needs any more (the scan's deadline passed). */
export async function cancelShards(queue: QueueConnection, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await queue.boss.cancel(SHARD_QUEUE, [...ids]);
}

/** A job as the worker gets it: its data is still unvalidated input. */
export interface ShardDelivery {
  id: string;
  data: unknown;
  /** 1 for the first attempt. */
  attempt: number;
  /** Whether a failure now is final (no retry left). */
  lastAttempt: boolean;
}

/**
 * Takes shards off the queue, `concurrency` at a time (one pg-boss work loop each), until
 * `stopWorking`. A handler that throws fails the attempt: pg-boss retries it after the retry delay.
 */
export async function workShards(
  queue: QueueConnection,
  concurrency: number,
  handle: (delivery: ShardDelivery) => Promise<void>,
): Promise<void> {
  const options: PgBoss.WorkOptions & { includeMetadata: true } = {
    batchSize: 1,
    includeMetadata: true,
    pollingIntervalSeconds: 0.5,
  };
  for (let i = 0; i < concurrency; i += 1) {
    await queue.boss.work<unknown>(SHARD_QUEUE, options, async (jobs) => {
      for (const job of jobs)
        await handle({
          id: job.id,
          data: job.data,
          attempt: job.retryCount + 1,
          lastAttempt: job.retryCount >= job.retryLimit,
        });
    });
  }
}

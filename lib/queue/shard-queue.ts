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

const IDLE_POLL_MS = 500;

/** The shards a worker runs: `stop` takes no more and gives back what is still running after `drainMs`. */
export interface ShardWork {
  stop(drainMs: number): Promise<void>;
}

/**
 * Takes shards off the queue, up to `concurrency` at once: whenever a slot is free it fetches as
 * many jobs as there are free slots (pg-boss `fetch`, SKIP LOCKED), and polls every 0.5 s when
 * idle. A shard waits on its (account, region) quotas far more than it computes, so one process
 * runs many (pg-boss's `work` would poll once per slot, or hold a whole batch until its slowest
 * job ends). A handler that throws fails the attempt; pg-boss retries it after the retry delay. A
 * job past its lease is no longer this worker's: it is neither completed nor failed here.
 */
export function workShards(
  queue: QueueConnection,
  concurrency: number,
  handle: (delivery: ShardDelivery) => Promise<void>,
  onError: (error: unknown) => void = () => undefined,
): ShardWork {
  const inHand = new Map<string, Promise<void>>();
  let stopping = false;
  let wake: (() => void) | undefined;
  const nudge = () => wake?.();

  const run = async (job: PgBoss.JobWithMetadata<unknown>) => {
    const leaseEnds = Date.now() + job.expireInSeconds * 1000;
    let error: unknown;
    try {
      await handle({
        id: job.id,
        data: job.data,
        attempt: job.retryCount + 1,
        lastAttempt: job.retryCount >= job.retryLimit,
      });
    } catch (err) {
      error = err;
    }
    if (Date.now() >= leaseEnds) return;
    try {
      if (error === undefined) await queue.boss.complete(SHARD_QUEUE, job.id);
      else
        await queue.boss.fail(
          SHARD_QUEUE,
          job.id,
          error instanceof Error ? error : new Error(String(error)),
        );
    } catch (err) {
      onError(err);
    }
  };

  const loop = (async () => {
    while (!stopping) {
      const free = concurrency - inHand.size;
      if (free > 0) {
        let jobs: PgBoss.JobWithMetadata<unknown>[] = [];
        try {
          jobs = await queue.boss.fetch<unknown>(SHARD_QUEUE, {
            batchSize: free,
            includeMetadata: true,
          });
        } catch (err) {
          onError(err);
        }
        for (const job of jobs) {
          const running = run(job).finally(() => {
            inHand.delete(job.id);
            nudge();
          });
          inHand.set(job.id, running);
        }
        if (jobs.length > 0) continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, IDLE_POLL_MS);
      });
      wake = undefined;
    }
  })();

  return {
    async stop(drainMs) {
      stopping = true;
      nudge();
      await loop;
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        Promise.all(inHand.values()).then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), drainMs))),
      ]);
      // A pending timer would keep the process alive for the whole drain time.
      clearTimeout(timer);
      if (drained) return;
      // Still running: give them back now rather than at the end of their lease.
      const stopped = new Error("the worker stopped (SIGTERM) before the shard ended");
      await Promise.all(
        [...inHand.keys()].map((id) => queue.boss.fail(SHARD_QUEUE, id, stopped).catch(onError)),
      );
    },
  };
}

import { randomUUID } from "node:crypto";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { resolveBaseCredentials } from "../aws/credentials";
import { openQueue, type QueueConnection } from "../queue/open-queue";
import { shardJobSchema, type ShardAccess } from "../queue/shard-job";
import { workShards, type ShardDelivery } from "../queue/shard-queue";
import { writeShardResult } from "../queue/shard-results";
import {
  countWorkerShard,
  countWorkerShardStarted,
  heartbeat,
  HEARTBEAT_MS,
  markWorkerStopped,
  registerWorker,
} from "../queue/worker-registry";
import { identifyWorkerAccount } from "./identify-caller";
import { credentialsFor } from "./resolve-accounts";
import {
  failedShardResult,
  runShard,
  ScanSessions,
  type ShardOutcome,
  type ShardWorkerContext,
} from "./shard-work";
import { firstLineOf } from "../domain/first-line";

export interface ShardWorkerOptions {
  databaseUrl: string;
  /** Shards worked on at once. */
  concurrency: number;
  profile?: string;
  endpoint?: string;
  /** How long sts:GetCallerIdentity may take (default WORKER_IDENTITY_TIMEOUT_MS). */
  identityTimeoutMs?: number;
  /** One line per event worth a log line (an attempt failed, the queue reported an error). */
  log?: (line: string) => void;
}

export interface ShardWorker {
  id: string;
  /** Stops taking shards, lets the ones in hand finish (up to `drainMs`), then leaves. */
  stop(drainMs: number): Promise<void>;
}

/** The worker's own identity and credentials, each resolved once and shared by its shards. */
export function workerContext(
  options: Pick<ShardWorkerOptions, "profile" | "endpoint" | "identityTimeoutMs">,
  sessions: ScanSessions,
): ShardWorkerContext {
  const base = resolveBaseCredentials(
    options.profile !== undefined ? { profile: options.profile } : {},
  );
  let caller: Promise<string> | undefined;
  const providers = new Map<string, AwsCredentialIdentityProvider>();
  // One provider per way of reaching an account: one AssumeRole per account per worker.
  const credentials = (access: ShardAccess) => {
    const key = JSON.stringify(access);
    let provider = providers.get(key);
    if (provider === undefined) {
      provider = credentialsFor(base, access, options.endpoint);
      providers.set(key, provider);
    }
    return provider;
  };
  return {
    callerAccount(region) {
      caller ??= identifyWorkerAccount(
        base,
        region,
        options.endpoint,
        options.identityTimeoutMs,
      ).catch((error: unknown) => {
        caller = undefined;
        throw error;
      });
      return caller;
    },
    session: (job) => sessions.open(job, credentials(job.access)),
  };
}

/**
 * `kms-drift worker`: registers in the worker table, beats every HEARTBEAT_MS, and runs shards
 * off the queue. A shard's result is written in one statement keyed by the shard; a failure that
 * got no answer from AWS is thrown, so pg-boss tries it again (here or on another worker), and on
 * the last attempt the region is recorded as `error` with the reason.
 */
export async function startShardWorker(options: ShardWorkerOptions): Promise<ShardWorker> {
  const log = options.log ?? (() => undefined);
  const queue = await openQueue(options.databaseUrl, {
    onError: (error) => log(`queue: ${firstLineOf(error, "failed")}`),
  });
  const id = randomUUID();
  await registerWorker(queue.pool, { id, concurrency: options.concurrency });
  const beat = setInterval(() => {
    heartbeat(queue.pool, id).catch((error: unknown) =>
      log(`heartbeat: ${firstLineOf(error, "failed")}`),
    );
  }, HEARTBEAT_MS);
  const sessions = new ScanSessions(options.endpoint);
  const context = workerContext(options, sessions);
  const work = workShards(
    queue,
    options.concurrency,
    (delivery) => handleShard(queue, id, context, delivery, log),
    (error) => log(`queue: ${firstLineOf(error, "failed")}`),
  );
  return {
    id,
    async stop(drainMs) {
      clearInterval(beat);
      await work.stop(drainMs);
      sessions.closeAll();
      await markWorkerStopped(queue.pool, id).catch(() => undefined);
      await queue.close();
    },
  };
}

async function handleShard(
  queue: QueueConnection,
  workerId: string,
  context: ShardWorkerContext,
  delivery: ShardDelivery,
  log: (line: string) => void,
): Promise<void> {
  const parsed = shardJobSchema.safeParse(delivery.data);
  if (!parsed.success) {
    const reason = `invalid shard job ${delivery.id}: ${parsed.error.issues[0]?.message ?? "invalid"}`;
    await countWorkerShard(queue.pool, workerId, reason);
    throw new Error(reason);
  }
  const job = parsed.data;
  await countWorkerShardStarted(queue.pool, workerId);
  const where = `${job.wave} ${job.account} ${job.region}`;
  let outcome: ShardOutcome;
  try {
    outcome = await runShard(job, context);
  } catch (error) {
    outcome = { retry: firstLineOf(error, "failed") };
  }
  if ("retry" in outcome && !delivery.lastAttempt) {
    log(`${where}: attempt ${delivery.attempt} failed: ${outcome.retry}`);
    await countWorkerShard(queue.pool, workerId, outcome.retry);
    throw new Error(outcome.retry);
  }
  const result =
    "retry" in outcome
      ? failedShardResult(job, `${outcome.retry} (after ${delivery.attempt} attempts)`)
      : outcome.result;
  await writeShardResult(queue.pool, job, result, { workerId, attempt: delivery.attempt });
  if ("retry" in outcome) await countWorkerShard(queue.pool, workerId, outcome.retry);
  else await countWorkerShard(queue.pool, workerId, undefined, outcome.result.stats.calls);
}

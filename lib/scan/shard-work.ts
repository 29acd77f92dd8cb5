import { setMaxListeners } from "node:events";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { ClientPool } from "../aws/client-pool";
import { resolveQuotas } from "../aws/quotas";
import { regionKey } from "../drift/families";
import type { ShardAccess, ShardJob } from "../queue/shard-job";
import type { ShardResult } from "../queue/shard-result";
import { DEADLINE_MESSAGE, DeadlineError } from "./deadline";
import { createRotationRule, listPhase, readPhase, type PhaseContext } from "./region-phases";
import { newRegionState, type RegionState } from "./region-state";
import { collectRegionTrail } from "./trail-stage";

/** What a worker brings to every shard: its base credentials, endpoint, and who it is. */
export interface ShardWorkerContext {
  base: AwsCredentialIdentityProvider;
  endpoint?: string;
  /** The account of the base credentials (sts:GetCallerIdentity, asked once). */
  callerAccount(region: string): Promise<string>;
  /** One provider per way of reaching an account: one AssumeRole per account per worker. */
  credentials(access: ShardAccess): AwsCredentialIdentityProvider;
}

/** A shard's outcome: its result, or a failure worth another attempt (no answer from AWS). */
export type ShardOutcome = { result: ShardResult } | { retry: string };

/** The result a shard records when it gives up: the region `error` with its reason. */
export function failedShardResult(job: ShardJob, reason: string): ShardResult {
  const stats = { calls: 0, throttles: 0, byOperation: {}, peakInFlight: 0 };
  if (job.wave === "trail")
    return { wave: "trail", events: [], coverage: { status: "error", reason }, stats };
  if (job.wave === "list") return { wave: "list", status: "error", error: reason, stats };
  return { wave: "read", status: "error", error: reason, records: [], stats };
}

/** Paced clients for one shard, aborted at the scan's deadline. */
function openShardSession(
  job: ShardJob,
  ctx: ShardWorkerContext,
): PhaseContext & { close(): void } {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DeadlineError()),
    Math.max(0, job.deadline - Date.now()),
  );
  setMaxListeners(0, deadline.signal);
  const pool = new ClientPool({
    quotas: resolveQuotas(job.quotas),
    signal: deadline.signal,
    ...(ctx.endpoint !== undefined ? { endpoint: ctx.endpoint } : {}),
  });
  pool.setAccountCredentials(job.account, ctx.credentials(job.access));
  return {
    pool,
    signal: deadline.signal,
    clock: () => performance.now(),
    close() {
      clearTimeout(timer);
      pool.destroy();
    },
  };
}

/**
 * Runs one shard with the same phase code as a single-process scan: the list shard is `listPhase`,
 * the read shard `readPhase` over the coordinator's plan, the trail shard one region's CloudTrail
 * lookups. One shard owns its (account, region) quota bucket for as long as it runs.
 */
export async function runShard(job: ShardJob, ctx: ShardWorkerContext): Promise<ShardOutcome> {
  if (Date.now() >= job.deadline) return { result: failedShardResult(job, DEADLINE_MESSAGE) };
  if (job.access.kind === "base") {
    const caller = await ctx.callerAccount(job.region);
    // Another worker's base credentials may be the right account: worth another attempt.
    if (caller !== job.account)
      return {
        retry: `this worker's base credentials are account ${caller}, not ${job.account}`,
      };
  }
  const session = openShardSession(job, ctx);
  try {
    if (job.wave === "trail") {
      const window = { from: new Date(job.window.from), to: new Date(job.window.to) };
      const collected = await collectRegionTrail(
        job.listing,
        session.pool,
        { ...window, clamped: job.window.clamped },
        session.signal,
      );
      return {
        result: {
          wave: "trail",
          events: collected.events,
          coverage: collected.coverage,
          stats: statsOf(session, job),
        },
      };
    }
    const state = newRegionState(job.account, job.region, session.clock());
    if (job.wave === "list") {
      await listPhase(state, session);
      return outcomeOf(state, {
        wave: "list",
        status: state.status,
        ...(state.error !== undefined ? { error: state.error } : {}),
        ...(state.listing !== undefined ? { listing: state.listing } : {}),
        stats: statsOf(session, job),
      });
    }
    state.listing = job.listing;
    state.status = job.listed.status;
    if (job.listed.error !== undefined) state.error = job.listed.error;
    const listed = new Set(job.listedRegions.map((r) => regionKey(job.account, r)));
    await readPhase(state, session, {
      toRead: job.toRead.map((k) => ({ account: job.account, region: job.region, ...k })),
      concurrency: job.concurrency,
      shouldReadRotation: createRotationRule(listed),
      readLastUse: job.readLastUse,
      onKeyRead: () => undefined,
    });
    return outcomeOf(state, {
      wave: "read",
      status: state.status,
      ...(state.error !== undefined ? { error: state.error } : {}),
      records: state.records,
      stats: statsOf(session, job),
    });
  } finally {
    session.close();
  }
}

function statsOf(session: PhaseContext, job: ShardJob) {
  const { calls, throttles, byOperation, peakInFlight } = session.pool.pacer(
    job.account,
    job.region,
  ).stats;
  return { calls, throttles, byOperation: { ...byOperation }, peakInFlight };
}

function outcomeOf(state: RegionState, result: ShardResult): ShardOutcome {
  if (state.status === "error" && state.retryable === true)
    return { retry: state.error ?? "no answer" };
  return { result };
}

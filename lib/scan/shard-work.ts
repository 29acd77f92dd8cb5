import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { RegionCallStats } from "../aws/region-pacer";
import { regionKey } from "../drift/families";
import type { ShardJob } from "../queue/shard-job";
import type { ShardResult } from "../queue/shard-result";
import { DEADLINE_MESSAGE } from "./deadline";
import { createRotationRule, listPhase, readPhase, type PhaseContext } from "./region-phases";
import { newRegionState, type RegionState } from "./region-state";
import { openPacedSession, type ScanSession } from "./scan-session";
import { collectRegionTrail } from "./trail-stage";

/** What a worker brings to every shard: who its base credentials are, and its clients. */
export interface ShardWorkerContext {
  /** The account of the base credentials (sts:GetCallerIdentity, asked once). */
  callerAccount(region: string): Promise<string>;
  /** The paced clients of the job's scan in this worker (see `ScanSessions`). */
  session(job: ShardJob): ShardSession;
}

/** A scan's clients as one shard uses them: `release` when the shard ends. */
export interface ShardSession extends PhaseContext {
  release(): void;
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

/** How long a scan's clients stay open in a worker after its last shard. */
const IDLE_CLOSE_MS = 30_000;

interface ScanClients {
  session: ScanSession;
  inUse: number;
  idleTimer?: NodeJS.Timeout;
}

/**
 * One paced session per scan in a worker, shared by that scan's shards: one keep-alive agent and
 * one in-flight bound for all of them (a pool per shard opened new connections for every shard,
 * and thousands at once across the workers), aborted at the scan's deadline and closed once the
 * scan has had no shard here for IDLE_CLOSE_MS.
 */
export class ScanSessions {
  private readonly scans = new Map<string, ScanClients>();

  constructor(private readonly endpoint: string | undefined) {}

  open(job: ShardJob, credentials: AwsCredentialIdentityProvider): ShardSession {
    let scan = this.scans.get(job.scanId);
    if (scan === undefined) {
      scan = {
        session: openPacedSession({
          timeoutMs: job.deadline - Date.now(),
          quotas: job.quotas,
          ...(this.endpoint !== undefined ? { endpoint: this.endpoint } : {}),
        }),
        inUse: 0,
      };
      this.scans.set(job.scanId, scan);
    }
    const clients = scan;
    clearTimeout(clients.idleTimer);
    clients.inUse += 1;
    const { pool, signal, clock } = clients.session;
    pool.setAccountCredentials(job.account, credentials);
    return {
      pool,
      signal,
      clock,
      release: () => {
        clients.inUse -= 1;
        if (clients.inUse === 0)
          clients.idleTimer = setTimeout(() => this.close(job.scanId), IDLE_CLOSE_MS);
      },
    };
  }

  closeAll(): void {
    for (const id of [...this.scans.keys()]) this.close(id);
  }

  private close(scanId: string): void {
    const scan = this.scans.get(scanId);
    if (scan === undefined) return;
    this.scans.delete(scanId);
    clearTimeout(scan.idleTimer);
    scan.session.close();
  }
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
  const session = ctx.session(job);
  // The pool's counters are the scan's in this worker: the shard's own calls are the difference.
  const before = copyStats(session.pool.pacer(job.account, job.region).stats);
  const statsOf = () => subtractStats(session.pool.pacer(job.account, job.region).stats, before);
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
          stats: statsOf(),
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
        stats: statsOf(),
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
      stats: statsOf(),
    });
  } finally {
    session.release();
  }
}

function copyStats(stats: RegionCallStats): RegionCallStats {
  return { ...stats, byOperation: { ...stats.byOperation } };
}

function subtractStats(now: RegionCallStats, before: RegionCallStats): RegionCallStats {
  const byOperation: Record<string, number> = {};
  for (const [operation, calls] of Object.entries(now.byOperation)) {
    const spent = calls - (before.byOperation[operation] ?? 0);
    if (spent > 0) byOperation[operation] = spent;
  }
  return {
    calls: now.calls - before.calls,
    throttles: now.throttles - before.throttles,
    byOperation,
    peakInFlight: now.peakInFlight,
  };
}

function outcomeOf(state: RegionState, result: ShardResult): ShardOutcome {
  if (state.status === "error" && state.retryable === true)
    return { retry: state.error ?? "no answer" };
  return { result };
}

import { randomUUID } from "node:crypto";
import { FALLBACK_QUOTA, resolveQuotas } from "../aws/quotas";
import type { RegionCallStats } from "../aws/region-pacer";
import type { TrailCoverage } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import { regionKey } from "../drift/families";
import type { QueueConnection } from "../queue/open-queue";
import type { ShardJob, ShardWave } from "../queue/shard-job";
import type { ShardResult } from "../queue/shard-result";
import {
  cancelShards,
  DEFAULT_LEASE,
  enqueueShards,
  findFailedShards,
  type FailedShardJob,
  type ShardLease,
} from "../queue/shard-queue";
import {
  beginDistributedScan,
  countShards,
  finishDistributedScan,
  FIRST_CURSOR,
  markDistributedScan,
  readNewShardResults,
} from "../queue/shard-results";
import type { Snapshot } from "../domain/snapshot";
import { DEFAULT_MAX_LOOKUPS } from "../trail/collect";
import { coverageKey } from "../trail/coverage-notes";
import { DEADLINE_MESSAGE } from "./deadline";
import { failRegion, type RegionState } from "./region-state";
import { runScanWaves } from "./run-scan";
import { DEFAULT_TIMEOUT_MS } from "./scan-session";
import type { ScanAccount } from "./resolve-accounts";
import type { ScanWaves, WaveContext } from "./scan-waves";
import type { ScanOptions, ScanProgress } from "./types";

/** A poll reads only the rows written since the last one (a cursor), so it can be frequent. */
const POLL_MS = 100;
/** Failed jobs are looked up less often than results: a failure ends a shard only after its retries. */
const FAILED_CHECK_MS = 2_000;
/** A result written just as the deadline passed is still taken. */
const DEADLINE_GRACE_MS = 2_000;

type ShardEnd = { kind: "result"; result: ShardResult } | { kind: "failed"; reason: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DistributedScanOptions extends ScanOptions {
  lease?: ShardLease;
}

/**
 * `scan --distributed`: the same pipeline as `runScan`, with the list and read waves run by worker
 * processes off the job queue. This process (the coordinator) reaches the accounts, plans, shares
 * rotation, detects, attributes and assembles: the same snapshot, the same finding ids.
 */
export async function runDistributedScan(
  queue: QueueConnection,
  options: DistributedScanOptions,
  onProgress?: (event: ScanProgress) => void,
): Promise<Snapshot> {
  const scanId = randomUUID();
  const deadlineAt = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  await beginDistributedScan(queue.pool, scanId, new Date(deadlineAt));
  try {
    const waves = queueWaves(queue, {
      scanId,
      deadlineAt,
      lease: options.lease ?? DEFAULT_LEASE,
    });
    return await runScanWaves(waves, options, onProgress);
  } finally {
    await finishDistributedScan(queue.pool, scanId).catch(() => undefined);
  }
}

/** Per-key reads of the read stage: each key calls each of these once at most. */
const KEY_OPERATIONS = [
  "DescribeKey",
  "GetKeyPolicy",
  "ListGrants",
  "ListResourceTags",
  "GetKeyRotationStatus",
];

/**
 * A shard's lease: the base lease plus the longest its (account, region) quotas can make it take,
 * so a healthy shard is never taken for a lost one (a lease cannot be extended). A trail shard may
 * spend its whole lookup budget at LookupEvents' 2/s; a read shard reads its keys at the slowest
 * per-key quota (GetKeyLastUsage's 5/s while last use is read).
 */
export function leaseFor(job: ShardJob, lease: ShardLease): number {
  const quotas = resolveQuotas(job.quotas);
  const quota = (operation: string) => quotas[operation] ?? FALLBACK_QUOTA;
  if (job.wave === "trail")
    return lease.leaseSeconds + Math.ceil((DEFAULT_MAX_LOOKUPS * 1.1) / quota("LookupEvents"));
  if (job.wave === "list") return lease.leaseSeconds;
  const operations = job.readLastUse ? [...KEY_OPERATIONS, "GetKeyLastUsage"] : KEY_OPERATIONS;
  const slowest = Math.min(...operations.map(quota));
  return lease.leaseSeconds + Math.ceil(job.toRead.length / slowest);
}

function describeFailure(failed: FailedShardJob): string {
  if (failed.expired)
    return `no worker finished this shard within its lease (${failed.attempts} attempts; workers lost)`;
  return `${failed.message} (after ${failed.attempts} attempts)`;
}

/** Two counts of one (account, region)'s calls, added up (the peak is the higher of the two). */
function sumCallStats(a: RegionCallStats, b: RegionCallStats): RegionCallStats {
  const byOperation = { ...a.byOperation };
  for (const [op, n] of Object.entries(b.byOperation)) byOperation[op] = (byOperation[op] ?? 0) + n;
  return {
    calls: a.calls + b.calls,
    throttles: a.throttles + b.throttles,
    byOperation,
    peakInFlight: Math.max(a.peakInFlight, b.peakInFlight),
  };
}

/** Waves run as shard jobs; each ends with a worker's result or, after its retries, a failure. */
export function queueWaves(
  queue: QueueConnection,
  scan: { scanId: string; deadlineAt: number; lease: ShardLease },
): ScanWaves {
  const stats = new Map<string, RegionCallStats>();
  const addStats = (account: string, region: string, add: RegionCallStats) => {
    const key = regionKey(account, region);
    const had = stats.get(key);
    stats.set(key, had === undefined ? add : sumCallStats(had, add));
  };

  // An Organization has thousands of (account, region) states: accounts are looked up by id.
  const accountsOf = (context: WaveContext) => new Map(context.accounts.map((a) => [a.id, a]));
  const common = (
    state: RegionState,
    context: WaveContext,
    accounts: ReadonlyMap<string, ScanAccount>,
  ) => {
    const account = accounts.get(state.account);
    if (account === undefined) throw new Error(`no account ${state.account} in the scan`);
    return {
      scanId: scan.scanId,
      account: state.account,
      region: state.region,
      access: account.access,
      deadline: scan.deadlineAt,
      quotas: context.config.quotas ?? {},
    };
  };

  /** Enqueues one wave's jobs and calls `onEnd` for each as it ends. */
  async function runWave(
    wave: ShardWave,
    jobs: { state: RegionState; job: ShardJob }[],
    onEnd: (state: RegionState, end: ShardEnd) => void,
  ): Promise<void> {
    if (jobs.length === 0) return;
    const ids = await enqueueShards(
      queue,
      jobs.map((j) => ({ job: j.job, leaseSeconds: leaseFor(j.job, scan.lease) })),
      scan.lease,
    );
    await countShards(queue.pool, scan.scanId, { added: jobs.length });
    const open = new Map(
      jobs.map((j, i) => [regionKey(j.state.account, j.state.region), { ...j, id: ids[i] ?? "" }]),
    );
    let cursor = FIRST_CURSOR;
    const takeResults = async () => {
      const read = await readNewShardResults(queue.pool, scan.scanId, wave, cursor);
      cursor = read.cursor;
      for (const row of read.results) {
        const key = regionKey(row.account, row.region);
        // Already ended (a result read before, or failed): a later rewrite changes nothing.
        const shard = open.get(key);
        if (shard === undefined) continue;
        open.delete(key);
        onEnd(shard.state, { kind: "result", result: row.result });
      }
    };
    let checkedFailedAt = 0;
    while (open.size > 0) {
      await takeResults();
      if (open.size === 0) break;
      const now = Date.now();
      if (now - checkedFailedAt >= FAILED_CHECK_MS) {
        checkedFailedAt = now;
        const failed = await findFailedShards(
          queue,
          [...open.values()].map((s) => s.id),
        );
        if (failed.length > 0) {
          // A worker may have written its result just before the job failed: the result wins.
          await takeResults();
          const byId = new Map(failed.map((f) => [f.id, f]));
          for (const [key, shard] of open) {
            const f = byId.get(shard.id);
            if (f === undefined) continue;
            open.delete(key);
            onEnd(shard.state, { kind: "failed", reason: describeFailure(f) });
          }
          await countShards(queue.pool, scan.scanId, { failed: failed.length });
        }
      }
      if (now > scan.deadlineAt + DEADLINE_GRACE_MS) {
        await cancelShards(
          queue,
          [...open.values()].map((s) => s.id),
        ).catch(() => undefined);
        await countShards(queue.pool, scan.scanId, { failed: open.size });
        for (const shard of open.values())
          onEnd(shard.state, { kind: "failed", reason: DEADLINE_MESSAGE });
        open.clear();
        break;
      }
      await sleep(POLL_MS);
    }
  }

  return {
    async list(states, context) {
      const accounts = accountsOf(context);
      await runWave(
        "list",
        states.map((state) => ({
          state,
          job: { wave: "list", ...common(state, context, accounts) },
        })),
        (state, end) => {
          const clock = context.session.clock();
          if (end.kind === "failed") return failRegion(state, "error", end.reason, clock);
          if (end.result.wave !== "list") return;
          const { status, error, listing } = end.result;
          addStats(state.account, state.region, end.result.stats);
          context.progress.countCalls(end.result.stats.calls, end.result.stats.throttles);
          state.finishedMs = clock;
          if (status === "error" || status === "not-enabled")
            return failRegion(state, status, error ?? "failed", clock);
          state.status = status;
          if (error !== undefined) state.error = error;
          if (listing !== undefined) state.listing = listing;
        },
      );
      await markDistributedScan(queue.pool, scan.scanId, "listed", new Date()).catch(
        () => undefined,
      );
    },

    read(states, context, wave) {
      const { progress, session } = context;
      const accounts = accountsOf(context);
      const listedRegions = new Map<string, string[]>();
      for (const l of wave.listings)
        listedRegions.set(l.account, [...(listedRegions.get(l.account) ?? []), l.region]);
      const listedStates = states.filter((s) => s.listing !== undefined);

      const readJobs = listedStates.flatMap((state) => {
        const listing = state.listing;
        if (listing === undefined || (state.status !== "pending" && state.status !== "partial"))
          return [];
        const job: ShardJob = {
          wave: "read",
          ...common(state, context, accounts),
          listed: {
            status: state.status,
            ...(state.error !== undefined ? { error: state.error } : {}),
          },
          listing,
          toRead: (wave.plan.toRead.get(regionKey(state.account, state.region)) ?? []).map((k) => ({
            keyId: k.keyId,
            arn: k.arn,
          })),
          listedRegions: listedRegions.get(state.account) ?? [],
          concurrency: wave.concurrency,
          readLastUse: wave.readLastUse,
        };
        return [{ state, job }];
      });
      const reads = runWave("read", readJobs, (state, end) => {
        const clock = session.clock();
        if (end.kind === "result" && end.result.wave === "read") {
          const { status, error, records } = end.result;
          addStats(state.account, state.region, end.result.stats);
          progress.countCalls(end.result.stats.calls, end.result.stats.throttles);
          if (status === "error" || status === "not-enabled")
            failRegion(state, status, error ?? "failed", clock);
          else {
            state.status = status;
            if (error !== undefined) state.error = error;
            state.records = records;
            state.finishedMs = clock;
            for (let i = 0; i < records.length; i += 1)
              progress.countKeyRead(state.account, state.region);
          }
        } else if (end.kind === "failed") failRegion(state, "error", end.reason, clock);
        progress.countRegionDone(state.account, state.region);
      });

      // Recorded for the figures of bench:workers (read wave against the stages after it).
      const markWhenDone = (...waves: Promise<unknown>[]) => {
        Promise.all(waves)
          .then(() => markDistributedScan(queue.pool, scan.scanId, "read", new Date()))
          .catch(() => undefined);
      };
      const window = wave.trailWindow;
      if (window === null) {
        markWhenDone(reads);
        return { reads, trail: Promise.resolve({ enabled: false }) };
      }
      const trailEnds = new Map<string, ShardEnd>();
      const stateOf = new Map(states.map((s) => [regionKey(s.account, s.region), s]));
      const trailJobs = wave.listings.flatMap((listing) => {
        const state = stateOf.get(regionKey(listing.account, listing.region));
        if (state === undefined) return [];
        const job: ShardJob = {
          wave: "trail",
          ...common(state, context, accounts),
          listing,
          window: {
            from: window.from.toISOString(),
            to: window.to.toISOString(),
            clamped: window.clamped,
          },
        };
        return [{ state, job }];
      });
      const trail = runWave("trail", trailJobs, (state, end) => {
        trailEnds.set(regionKey(state.account, state.region), end);
        if (end.kind === "result") addStats(state.account, state.region, end.result.stats);
      }).then(() => {
        // In listing order, as the single-process trail stage gathers them.
        const events: TrailEvent[] = [];
        const coverage = new Map<string, TrailCoverage>();
        for (const listing of wave.listings) {
          const end = trailEnds.get(regionKey(listing.account, listing.region));
          const key = coverageKey(listing.account, listing.region);
          if (end?.kind === "result" && end.result.wave === "trail") {
            events.push(...end.result.events);
            coverage.set(key, end.result.coverage);
          } else
            coverage.set(key, {
              status: "error",
              reason: end?.kind === "failed" ? end.reason : "no result",
            });
        }
        return { enabled: true as const, events, coverage };
      });
      markWhenDone(reads, trail);
      return { reads, trail };
    },

    callStats(session) {
      return (account, region) => {
        // Shared rotation is read by the coordinator itself: its own calls count too.
        const own = session.pool.pacer(account, region).stats;
        const shards = stats.get(regionKey(account, region));
        return shards === undefined ? own : sumCallStats(shards, own);
      };
    },
  };
}

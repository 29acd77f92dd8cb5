import type { KmsDriftConfig } from "../config";
import { InFlightGate } from "../aws/in-flight-gate";
import type { RegionListing } from "../domain/region-listing";
import type { FamilyPlan } from "../drift/families";
import type { TrailWindow } from "../trail/window";
import { poolCallStats, type CallStatsOf } from "./assemble-snapshot";
import { listStage } from "./list-stage";
import type { ProgressTracker } from "./progress-tracker";
import { readStage } from "./read-stage";
import type { RegionState } from "./region-state";
import type { ScanAccount } from "./resolve-accounts";
import type { ScanSession } from "./scan-session";
import { startTrailStage, type TrailOutcome } from "./trail-stage";

/**
 * Keys read at once over every (account, region). Far above a few accounts' needs (16 per region),
 * it bounds the requests held in memory at hundreds of accounts, where the CPU, not this bound,
 * limits the pace.
 */
const KEYS_IN_FLIGHT = 1024;

/** What a wave may use: the scan's session, progress, accounts (and how each is reached) and config. */
export interface WaveContext {
  session: ScanSession;
  progress: ProgressTracker;
  accounts: readonly ScanAccount[];
  config: KmsDriftConfig;
}

/** The read wave's work: the plan, the listings it came from, and the trail window (null: off). */
export interface ReadWave {
  plan: FamilyPlan;
  listings: readonly RegionListing[];
  concurrency: number;
  readLastUse: boolean;
  trailWindow: TrailWindow | null;
}

export interface ReadWaveRun {
  /** Every listed state has its records, or its failure. */
  reads: Promise<void>;
  /** The trail, collected beside the reads. */
  trail: Promise<TrailOutcome>;
}

/**
 * Where the per-(account, region) work runs: the list wave, then (after the plan, which needs every
 * listing) the read wave with the trail beside it. Everything before and after is the same code
 * whichever runs them: this process (`localWaves`), or worker processes over the job queue.
 */
export interface ScanWaves {
  /** ListKeys + ListAliases of every (account, region): each state gets its listing or failure. */
  list(states: RegionState[], context: WaveContext): Promise<void>;
  read(states: RegionState[], context: WaveContext, wave: ReadWave): ReadWaveRun;
  /** The calls each (account, region) spent, once the waves are done. */
  callStats(session: ScanSession): CallStatsOf;
}

/** Both waves in this process, every (account, region) at once on the session's paced clients. */
export const localWaves: ScanWaves = {
  async list(states, { session }) {
    await listStage(states, session);
  },
  read(states, { session, progress }, wave) {
    const trail = startTrailStage(wave.trailWindow, wave.listings, session);
    const reads = readStage(states, session, progress, {
      plan: wave.plan,
      listings: wave.listings,
      concurrency: wave.concurrency,
      readLastUse: wave.readLastUse,
      keySlots: new InFlightGate(KEYS_IN_FLIGHT),
    });
    return { reads, trail };
  },
  callStats: (session) => poolCallStats(session.pool),
};

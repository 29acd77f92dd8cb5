import { defaultConfig } from "../config";
import { withSharedStrings } from "../aws/shared-strings";
import { resolveRegions } from "../aws/regions";
import type { Snapshot } from "../domain/snapshot";
import { buildAccountScans } from "./account-scans";
import { reachAccounts } from "./accounts-stage";
import { assembleSnapshot, callReports, recordRegions } from "./assemble-snapshot";
import { detectStage } from "./detect-stage";
import { listingsOf, planStage } from "./list-stage";
import { ProgressTracker } from "./progress-tracker";
import { shareRotationStage } from "./read-stage";
import { newRegionState } from "./region-state";
import { resolvePartition } from "./scan-source";
import { openScanSession } from "./scan-session";
import { localWaves, type ScanWaves, type WaveContext } from "./scan-waves";
import { attributeStage, collectedEvents, eventsToKeep, trailWindowFor } from "./trail-stage";
import type { ScanOptions, ScanProgress } from "./types";

const DEFAULT_CONCURRENCY = 16;

/**
 * The pipeline in one place: identity → list every (account, region) → plan families → read the keys
 * that belong to one (the trail collected beside it) → families → findings → attribution → snapshot.
 * Regions are independent: one failing, not enabled or out of time is recorded on its RegionScan and
 * the scan goes on.
 */
export function runScan(
  options: ScanOptions,
  onProgress?: (event: ScanProgress) => void,
): Promise<Snapshot> {
  return runScanWaves(localWaves, options, onProgress);
}

/**
 * The pipeline with the per-(account, region) waves run by `waves` (this process, or workers over
 * the job queue): everything else, and so the snapshot and its finding ids, is the same code.
 */
export function runScanWaves(
  waves: ScanWaves,
  options: ScanOptions,
  onProgress?: (event: ScanProgress) => void,
): Promise<Snapshot> {
  return withSharedStrings(() => scanWith(waves, options, onProgress));
}

async function scanWith(
  waves: ScanWaves,
  options: ScanOptions,
  onProgress?: (event: ScanProgress) => void,
): Promise<Snapshot> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const config = options.config ?? defaultConfig();
  const partition = resolvePartition(options.partition, options.env ?? process.env);
  const regions = resolveRegions(options.regions ?? config.regions ?? "all", partition);
  const progress = new ProgressTracker(onProgress);
  const session = openScanSession(options, config, progress);

  try {
    progress.setPhase("identity");
    const { accounts, discovery } = await reachAccounts(
      options,
      config,
      regions,
      partition,
      session,
      progress,
    );
    const context: WaveContext = { session, progress, accounts, config };
    const states = accounts.flatMap((a) =>
      regions.map((r) => newRegionState(a.id, r, session.clock())),
    );
    progress.planRegions(states);

    progress.setPhase("list");
    await waves.list(states, context);
    const listings = listingsOf(states);
    const plan = planStage(states, listings, config, progress);

    progress.setPhase("read");
    const wave = waves.read(states, context, {
      plan,
      listings,
      concurrency: options.concurrencyPerRegion ?? DEFAULT_CONCURRENCY,
      readLastUse: config.lastUse.read,
      trailWindow: trailWindowFor(options, startedAt),
    });
    await wave.reads;
    await shareRotationStage(states, session);
    const keys = states.flatMap((s) => s.records);

    progress.setPhase("trail");
    const collected = await wave.trail;

    progress.setPhase("detect");
    const statsOf = waves.callStats(session);
    const regionScans = recordRegions(states, statsOf, collected);
    const { families, findings: drift } = detectStage(keys, regionScans, config, startedAt);
    const carried = options.previous?.events ?? [];
    const findings = attributeStage(drift, collected, carried, families);
    options.onCallStats?.(callReports(states, statsOf));
    const snapshot = assembleSnapshot(options, {
      startedAt,
      finishedAt: now(),
      partition,
      regions,
      accounts: accounts.map((a) => a.id),
      accountScans: buildAccountScans(accounts, discovery?.skipped ?? [], regionScans),
      ...(discovery ? { organization: discovery.organization } : {}),
      regionScans,
      keys,
      families,
      findings,
      events: eventsToKeep(findings, collectedEvents(collected), carried),
    });
    progress.setPhase("done");
    return snapshot;
  } finally {
    session.close();
  }
}

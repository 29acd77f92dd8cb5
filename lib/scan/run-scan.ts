import { defaultConfig } from "../config";
import { resolveRegions } from "../aws/regions";
import type { Snapshot } from "../domain/snapshot";
import { reachAccounts } from "./accounts-stage";
import { assembleSnapshot, callReports, recordRegions } from "./assemble-snapshot";
import { detectStage } from "./detect-stage";
import { listStage, planStage } from "./list-stage";
import { ProgressTracker } from "./progress-tracker";
import { readStage } from "./read-stage";
import { newRegionState } from "./region-state";
import { resolvePartition } from "./scan-source";
import { openScanSession } from "./scan-session";
import { attributeStage, collectedEvents, eventsToKeep, startTrailStage } from "./trail-stage";
import type { ScanOptions, ScanProgress } from "./types";

const DEFAULT_CONCURRENCY = 16;

/**
 * The pipeline in one place: identity → list every (account, region) → plan families → read the keys
 * that belong to one (the trail collected beside it) → families → findings → attribution → snapshot.
 * Regions are independent: one failing, not enabled or out of time is recorded on its RegionScan and
 * the scan goes on.
 */
export async function runScan(
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
    const accounts = await reachAccounts(options, config, regions, session);
    const states = accounts.flatMap((a) =>
      regions.map((r) => newRegionState(a.id, r, session.clock())),
    );
    progress.regionsTotal = states.length;

    progress.setPhase("list");
    const listings = await listStage(states, session);
    const plan = planStage(states, listings, config, progress);
    const trail = startTrailStage(options, listings, session, startedAt);

    progress.setPhase("read");
    const keys = await readStage(states, session, progress, {
      plan,
      listings,
      concurrency: options.concurrencyPerRegion ?? DEFAULT_CONCURRENCY,
      readLastUse: config.lastUse.read,
    });

    progress.setPhase("trail");
    const collected = await trail;

    progress.setPhase("detect");
    const regionScans = recordRegions(states, session.pool, collected);
    const { families, findings: drift } = detectStage(keys, regionScans, config, startedAt);
    const carried = options.previous?.events ?? [];
    const findings = attributeStage(drift, collected, carried, families);
    options.onCallStats?.(callReports(states, session.pool));
    const snapshot = assembleSnapshot(options, {
      startedAt,
      finishedAt: now(),
      partition,
      regions,
      accounts: accounts.map((a) => a.id),
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

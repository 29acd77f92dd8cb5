import { defaultConfig } from "../config";
import { InFlightGate } from "../aws/in-flight-gate";
import { resolveRegions } from "../aws/regions";
import type { Snapshot } from "../domain/snapshot";
import { buildAccountScans } from "./account-scans";
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
 * Keys read at once over every (account, region). Far above a few accounts' needs (16 per region),
 * it bounds the requests held in memory at hundreds of accounts, where the CPU, not this bound,
 * limits the pace.
 */
const KEYS_IN_FLIGHT = 1024;

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
    const { accounts, discovery } = await reachAccounts(
      options,
      config,
      regions,
      partition,
      session,
      progress,
    );
    const states = accounts.flatMap((a) =>
      regions.map((r) => newRegionState(a.id, r, session.clock())),
    );
    progress.planRegions(states);

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
      keySlots: new InFlightGate(KEYS_IN_FLIGHT),
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

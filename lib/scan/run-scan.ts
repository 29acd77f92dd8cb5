import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { KMSClient } from "@aws-sdk/client-kms";
import { defaultConfig, pickDriftRules } from "../config";
import { ClientPool } from "../aws/client-pool";
import { resolveBaseCredentials } from "../aws/credentials";
import { resolveQuotas } from "../aws/quotas";
import { resolveRegions } from "../aws/regions";
import { detectFindings } from "../drift/detect-findings";
import { formFamilies, planFamilies, regionKey } from "../drift/families";
import { coverageFromRegions } from "../drift/region-coverage";
import type { Snapshot, TrailCoverage } from "../domain/snapshot";
import { attributeFindings } from "../trail/attribute";
import { coverageKey } from "../trail/coverage-notes";
import { resolveTrailWindow } from "../trail/window";
import { beforeDeadline, DeadlineError } from "./deadline";
import { identifyCaller } from "./identify-caller";
import { ProgressTracker } from "./progress-tracker";
import { createRotationRule, listPhase, readPhase } from "./region-phases";
import { failRegion, newRegionState, toRegionScan, type RegionState } from "./region-state";
import { resolveAccounts } from "./resolve-accounts";
import { effectiveEndpoint, isLoopbackEndpoint, resolvePartition } from "./scan-source";
import { shareMultiRegionRotation } from "./share-rotation";
import { summarizeSnapshot } from "./summarize-snapshot";
import { TOOL_VERSION } from "../domain/tool-version";
import { collectTrailStage, eventsToKeep, type TrailStageResult } from "./trail-stage";
import type { ScanOptions, ScanProgress } from "./types";

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_CONCURRENCY = 16;

/**
 * The pipeline in one place: identity → list every (account, region) → plan families → read the keys
 * that belong to one → families → findings → snapshot. Regions are independent: one failing, not
 * enabled or out of time is recorded on its RegionScan and the scan goes on.
 */
export async function runScan(
  options: ScanOptions,
  onProgress?: (event: ScanProgress) => void,
): Promise<Snapshot> {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const config = options.config ?? defaultConfig();
  const partition = resolvePartition(options.partition, env);
  const regions = resolveRegions(options.regions ?? config.regions ?? "all", partition);
  const progress = new ProgressTracker(onProgress);
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DeadlineError()),
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  const signal = deadline.signal;
  // Every paced wait and every region phase listens on the deadline: more than the default 10 listeners.
  setMaxListeners(0, signal);
  const pool = new ClientPool({
    quotas: resolveQuotas(config.quotas),
    signal,
    onCall: (throttled) => progress.countCall(throttled),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
  });

  try {
    progress.setPhase("identity");
    const base = resolveBaseCredentials(options);
    const caller = await identifyCaller(
      base,
      regions.length > 0 ? regions : ["us-east-1"],
      options.endpoint,
      signal,
    );
    const accounts = resolveAccounts(
      base,
      caller.account,
      config,
      caller.stsRegion,
      options.endpoint,
    );
    for (const account of accounts) pool.setAccountCredentials(account.id, account.credentials);

    const clock = () => performance.now();
    const ctx = { pool, signal, clock };
    const states = accounts.flatMap((a) => regions.map((r) => newRegionState(a.id, r, clock())));
    progress.regionsTotal = states.length;

    progress.setPhase("list");
    await Promise.all(states.map((state) => listPhase(state, ctx)));
    const listings = states.flatMap((s) => (s.listing !== undefined ? [s.listing] : []));
    const plan = planFamilies(listings, config);
    progress.keysTotal = [...plan.toRead.values()].reduce((n, refs) => n + refs.length, 0);
    for (const state of states) if (state.listing === undefined) progress.countRegionDone();
    const listed = new Set(listings.map((l) => regionKey(l.account, l.region)));
    const trailEnabled = options.trail ?? true;
    const trailWindow = resolveTrailWindow({
      ...(options.since !== undefined ? { since: options.since } : {}),
      ...(options.previous !== undefined ? { previousSnapshotAt: options.previous.startedAt } : {}),
      now: startedAt,
    });
    const trail: Promise<TrailStageResult> = trailEnabled
      ? collectTrailStage(listings, pool, trailWindow, signal)
      : Promise.resolve({ events: [], coverage: new Map() });

    progress.setPhase("read");
    const readOptions = {
      plan,
      concurrency: options.concurrencyPerRegion ?? DEFAULT_CONCURRENCY,
      shouldReadRotation: createRotationRule(listed),
      readLastUse: config.lastUse.read,
      onKeyRead: () => progress.countKeyRead(),
    };
    await Promise.all(
      states.map(async (state) => {
        if (state.listing === undefined) return;
        await readPhase(state, ctx, readOptions);
        progress.countRegionDone();
      }),
    );

    const clientFor = (record: { account: string; region: string }): KMSClient =>
      pool.kms(record.account, record.region);
    if (!signal.aborted) {
      const shared = await beforeDeadline(
        shareMultiRegionRotation(
          states.flatMap((s) => s.records),
          clientFor,
        ),
        signal,
      ).catch(() => undefined);
      // A region whose shared-rotation read got no answer was not read after all.
      for (const { account, region, error } of shared?.value ?? []) {
        const state = states.find((s) => s.account === account && s.region === region);
        if (state) failRegion(state, "error", error.message, clock());
      }
    }
    const keys = states.flatMap((s) => s.records);

    progress.setPhase("trail");
    const { events, coverage } = await trail;

    progress.setPhase("detect");
    const regionScans = states.map((s) =>
      toRegionScan(
        s,
        pool.pacer(s.account, s.region).stats,
        trailCoverage(s, trailEnabled, coverage),
      ),
    );
    const regionCoverage = coverageFromRegions(regionScans, keys);
    const families = formFamilies(keys, config, regionCoverage);
    const drift = detectFindings({
      keys,
      families,
      rules: pickDriftRules(config),
      lastUse: config.lastUse,
      now: startedAt,
      coverage: regionCoverage,
    });
    const carried = options.previous?.events ?? [];
    const findings = trailEnabled
      ? attributeFindings(drift, [...events, ...carried], families, coverage)
      : drift.map((f) => ({
          ...f,
          attributionNote: "CloudTrail attribution disabled (--no-trail)",
        }));
    options.onCallStats?.(
      states.map((s) => ({
        account: s.account,
        region: s.region,
        stats: pool.pacer(s.account, s.region).stats,
      })),
    );
    const endpoint = effectiveEndpoint(options.endpoint, env);
    const snapshot: Snapshot = {
      schemaVersion: 1,
      id: randomUUID(),
      startedAt: startedAt.toISOString(),
      finishedAt: now().toISOString(),
      tool: { name: "kms-drift", version: TOOL_VERSION },
      source: {
        kind: endpoint !== undefined && isLoopbackEndpoint(endpoint) ? "sandbox" : "aws",
        ...(endpoint !== undefined ? { endpoint } : {}),
        partition,
      },
      parameters: {
        regions,
        ...(options.since !== undefined ? { since: options.since } : {}),
        trail: options.trail ?? true,
        ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
      },
      accounts: accounts.map((a) => a.id),
      regions: regionScans,
      keys,
      families,
      findings,
      events: eventsToKeep(findings, events, carried),
      summary: summarizeSnapshot(keys, families, findings, regionScans),
    };
    progress.setPhase("done");
    return snapshot;
  } finally {
    clearTimeout(timer);
    pool.destroy();
  }
}

function trailCoverage(
  state: RegionState,
  trail: boolean,
  coverage: ReadonlyMap<string, TrailCoverage>,
): TrailCoverage {
  if (!trail) return { status: "skipped", reason: "trail disabled (--no-trail)" };
  return (
    coverage.get(coverageKey(state.account, state.region)) ?? {
      status: "skipped",
      reason: `region ${state.status}`,
    }
  );
}

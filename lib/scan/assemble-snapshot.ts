import { randomUUID } from "node:crypto";
import type { ClientPool } from "../aws/client-pool";
import type { RegionCallStats } from "../aws/region-pacer";
import type { AccountScan, ScannedOrganization } from "../domain/account-scan";
import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import type { RegionScan, Snapshot } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import { statusOfScan } from "../domain/snapshot-status";
import { countAccountScans } from "./account-scans";
import { toRegionScan, type RegionState } from "./region-state";
import { effectiveEndpoint, isLoopbackEndpoint } from "./scan-source";
import { summarizeSnapshot } from "./summarize-snapshot";
import { TOOL_VERSION } from "../domain/tool-version";
import { trailCoverageOf, type TrailOutcome } from "./trail-stage";
import type { RegionCallReport, ScanOptions } from "./types";

/** Every (account, region) as the snapshot records it: status, calls spent and trail coverage. */
export function recordRegions(
  states: readonly RegionState[],
  statsOf: CallStatsOf,
  trail: TrailOutcome,
): RegionScan[] {
  return states.map((s) =>
    toRegionScan(s, statsOf(s.account, s.region), trailCoverageOf(trail, s)),
  );
}

/** What one (account, region) spent: its pacer's counters, or the sum over its shards. */
export type CallStatsOf = (account: string, region: string) => RegionCallStats | undefined;

/** The counters of a client pool's pacers (one process did every call). */
export function poolCallStats(pool: ClientPool): CallStatsOf {
  return (account, region) => pool.pacer(account, region).stats;
}

/** What every (account, region) spent, for `onCallStats`. */
export function callReports(
  states: readonly RegionState[],
  statsOf: CallStatsOf,
): RegionCallReport[] {
  const none: RegionCallStats = { calls: 0, throttles: 0, byOperation: {}, peakInFlight: 0 };
  return states.map((s) => ({
    account: s.account,
    region: s.region,
    stats: statsOf(s.account, s.region) ?? none,
  }));
}

export interface SnapshotParts {
  startedAt: Date;
  finishedAt: Date;
  partition: string;
  regions: string[];
  accounts: string[];
  accountScans: AccountScan[];
  organization?: ScannedOrganization;
  regionScans: RegionScan[];
  keys: KeyRecord[];
  families: Family[];
  findings: Finding[];
  events: TrailEvent[];
}

/** Assemble: the snapshot document, with where it was read from and how it was asked. */
export function assembleSnapshot(
  options: Pick<ScanOptions, "endpoint" | "env" | "since" | "trail" | "configFile">,
  parts: SnapshotParts,
): Snapshot {
  const endpoint = effectiveEndpoint(options.endpoint, options.env ?? process.env);
  const { keys, families, findings, regionScans, accountScans } = parts;
  return {
    schemaVersion: 1,
    id: randomUUID(),
    startedAt: parts.startedAt.toISOString(),
    finishedAt: parts.finishedAt.toISOString(),
    tool: { name: "kms-drift", version: TOOL_VERSION },
    source: {
      kind: endpoint !== undefined && isLoopbackEndpoint(endpoint) ? "sandbox" : "aws",
      ...(endpoint !== undefined ? { endpoint } : {}),
      partition: parts.partition,
    },
    parameters: {
      regions: parts.regions,
      ...(options.since !== undefined ? { since: options.since } : {}),
      trail: options.trail ?? true,
      ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
    },
    accounts: parts.accounts,
    accountScans,
    ...(parts.organization ? { organization: parts.organization } : {}),
    regions: regionScans,
    keys,
    families,
    findings,
    events: parts.events,
    summary: {
      ...summarizeSnapshot(keys, families, findings, regionScans),
      status: statusOfScan(regionScans, accountScans),
      accounts: countAccountScans(accountScans),
    },
  };
}

import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { Finding, FindingProperty } from "../../domain/finding";
import { FINDING_PROPERTIES } from "../../domain/finding";
import type { TrailCoverage } from "../../domain/snapshot";
import type { TrailEvent } from "../../domain/trail-event";
import type { PlantedDrift, WorldManifest } from "../types";
import { collectTrailEvents, type CollectTrailResult } from "../../trail/collect";
import { coverageKey } from "../../trail/coverage-notes";
import { dedupeTrailEvents } from "../../trail/sort-events";
import { withSampleDetail } from "../../store/test-fixtures";

/** Helpers shared by the sandbox integration test and bench/trail.ts. */

export interface RegionRun extends CollectTrailResult {
  account: string;
  region: string;
  wallMs: number;
}

export interface SandboxTrailRun {
  runs: RegionRun[];
  events: TrailEvent[];
  coverage: Map<string, TrailCoverage>;
  wallMs: number;
}

export function createSandboxTrailClient(
  endpoint: string,
  region: string,
  accessKeyId: string,
): CloudTrailClient {
  return new CloudTrailClient({
    region,
    endpoint,
    credentials: { accessKeyId, secretAccessKey: "sandbox-secret" },
  });
}

/** Collects every (account, enabled region) of the world concurrently, one pacer per pair. */
export async function collectSandboxTrail(
  endpoint: string,
  manifest: WorldManifest,
  window: { from: Date; to: Date },
  endpointFor: (region: string) => string = () => endpoint,
): Promise<SandboxTrailRun> {
  const started = Date.now();
  const pairs = manifest.accounts.flatMap((account) =>
    manifest.enabledRegions.map((region) => ({ account, region })),
  );
  const runs = await Promise.all(
    pairs.map(async ({ account, region }): Promise<RegionRun> => {
      const client = createSandboxTrailClient(endpointFor(region), region, account.accessKeyId);
      const regionStarted = Date.now();
      try {
        const result = await collectTrailEvents({ client, account: account.id, region, window });
        return { ...result, account: account.id, region, wallMs: Date.now() - regionStarted };
      } finally {
        client.destroy();
      }
    }),
  );
  const coverage = new Map(runs.map((run) => [coverageKey(run.account, run.region), run.coverage]));
  return {
    runs,
    events: dedupeTrailEvents(runs.flatMap((run) => run.events)),
    coverage,
    wallMs: Date.now() - started,
  };
}

function isFindingProperty(value: string): value is FindingProperty {
  return (FINDING_PROPERTIES as readonly string[]).includes(value);
}

/** A Finding standing for a planted drift (what the drift engine would report), unattributed. */
export function findingFromDrift(drift: PlantedDrift, index: number): Finding {
  if (!isFindingProperty(drift.property)) throw new Error(`unknown property ${drift.property}`);
  return withSampleDetail(drift.property, {
    id: `planted-${index}`,
    familyId: drift.familyId,
    keyId: drift.keyId,
    account: drift.account,
    region: drift.region,
    referenceRegion: drift.referenceRegion,
    severity: drift.expectedSeverity,
    title: drift.description,
    expected: null,
    actual: null,
    attribution: [],
    remediation: [],
    waived: false,
  });
}

/**
 * The sandbox names actors by principal ARN; kms-drift names an assumed role by its role ARN and
 * session (`arn:aws:iam::1:role/R (session s)`). Both forms reduce to the same text here.
 */
export function normalizeActor(actor: string): string {
  const assumed = /^arn:([^:]+):sts::(\d+):assumed-role\/(.+)\/([^/]+)$/.exec(actor);
  if (assumed)
    return `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]} (session ${assumed[4]})`;
  return actor;
}

export interface CallLogEntry {
  time: string;
  region: string;
  account: string;
  operation: string;
  status: number;
}

export async function fetchCallLog(endpoint: string): Promise<CallLogEntry[]> {
  const response = await fetch(`${endpoint}/_sandbox/calls`);
  return (await response.json()) as CallLogEntry[];
}

/** LookupEvents per (account, region), and the most that any one second saw. */
export function summarizeLookupCalls(calls: readonly CallLogEntry[]): {
  total: number;
  perRegion: Map<string, number>;
  maxInAnySecond: number;
} {
  const byRegion = new Map<string, number[]>();
  for (const call of calls) {
    if (call.operation !== "LookupEvents") continue;
    const key = coverageKey(call.account, call.region);
    const times = byRegion.get(key) ?? [];
    times.push(Date.parse(call.time));
    byRegion.set(key, times);
  }
  let maxInAnySecond = 0;
  for (const times of byRegion.values()) {
    times.sort((a, b) => a - b);
    let first = 0;
    for (const [last, time] of times.entries()) {
      while ((times[first] ?? time) <= time - 1000) first += 1;
      maxInAnySecond = Math.max(maxInAnySecond, last - first + 1);
    }
  }
  const perRegion = new Map([...byRegion].map(([key, times]) => [key, times.length]));
  return { total: [...perRegion.values()].reduce((a, b) => a + b, 0), perRegion, maxInAnySecond };
}

import type { Family } from "./family";
import type { Finding, Severity } from "./finding";
import type { KeyRecord } from "./key-record";
import type { TrailEvent } from "./trail-event";

export type RegionStatus = "ok" | "partial" | "error" | "not-enabled";

export interface RegionScan {
  account: string;
  region: string;
  status: RegionStatus;
  error?: string;
  keyCount: number;
  apiCalls: number;
  throttledCalls: number;
  durationMs: number;
  /** The CloudTrail window actually covered, when attribution ran for this region. */
  trail?: TrailCoverage;
}

export type TrailCoverage =
  | { status: "ok"; from: string; to: string; lookups: number; events: number }
  | {
      status: "truncated";
      from: string;
      to: string;
      lookups: number;
      events: number;
      reason: string;
    }
  | { status: "error"; reason: string }
  | { status: "skipped"; reason: string };

/**
 * `incomplete` when at least one (account, region) of the scan failed (`error`: unreachable, 5xx,
 * deadline…); its findings are unknown, not resolved. `not-enabled` regions do not count.
 */
export type SnapshotStatus = "complete" | "incomplete";

export interface SnapshotSummary {
  /** Absent in snapshots stored before it existed: read it with `snapshotStatus` (snapshot-status.ts). */
  status?: SnapshotStatus;
  keys: number;
  auditedKeys: number;
  families: number;
  driftedFamilies: number;
  findings: number;
  findingsBySeverity: Record<Severity, number>;
  waivedFindings: number;
  regions: Record<RegionStatus, number>;
}

export interface ScanParameters {
  regions: string[];
  since?: string;
  trail: boolean;
  configFile?: string;
}

/** One complete scan: the public contract printed by the CLI, kept by the store, wrapped by exports. */
export interface Snapshot {
  schemaVersion: 1;
  id: string;
  startedAt: string;
  finishedAt: string;
  tool: { name: "kms-drift"; version: string };
  source: { kind: "aws" | "sandbox"; endpoint?: string; partition: string };
  parameters: ScanParameters;
  accounts: string[];
  regions: RegionScan[];
  keys: KeyRecord[];
  families: Family[];
  findings: Finding[];
  events: TrailEvent[];
  summary: SnapshotSummary;
  /**
   * Set by the store, only when a string could not be stored as scanned (PostgreSQL refuses U+0000
   * and lone UTF-16 surrogates): one line per place, saying what was replaced with U+FFFD.
   */
  storageNotes?: string[];
}

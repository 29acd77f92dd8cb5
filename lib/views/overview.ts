import { SEVERITIES, type Severity } from "../domain/finding";
import type { RegionScan, Snapshot, SnapshotStatus } from "../domain/snapshot";
import { failedRegionsOf, snapshotStatus, type FailedRegion } from "../domain/snapshot-status";
import { isDrift, summarizeFindings } from "../drift/summarize";
import type { SeverityTrendPoint } from "../history/listing";
import { buildAccountsView, type AccountsView } from "./accounts";
import { drGapsOf, type DrGapView } from "./finding-details";
import { buildFamilyMatrix } from "./family-matrix";
import type { ScanStatus } from "./scan-status";

export interface DriftedFamilyItem {
  id: string;
  name: string;
  kind: string;
  worst: Severity;
  findings: number;
  regions: string[];
}

export interface ResidencyViolationItem {
  findingId: string;
  familyId: string;
  region: string;
  title: string;
  waived: boolean;
  actor: string | null;
}

export interface DrGapItem extends DrGapView {
  familyId: string;
}

export interface OverviewView {
  snapshot: {
    id: string;
    startedAt: string;
    finishedAt: string;
    source: Snapshot["source"];
    accounts: string[];
    /** `incomplete` when a region failed: its findings are unknown (see `failedRegions`). */
    status: SnapshotStatus;
    failedRegions: FailedRegion[];
  } | null;
  counts: {
    keys: number;
    families: number;
    driftedFamilies: number;
    findings: number;
    waived: number;
    openBySeverity: Record<Severity, number>;
  } | null;
  regions: RegionScan[];
  /** Every account with its status, problems first; null before the first snapshot. */
  accounts: AccountsView | null;
  driftedFamilies: DriftedFamilyItem[];
  residencyViolations: ResidencyViolationItem[];
  drGaps: DrGapItem[];
  trend: SeverityTrendPoint[];
  scan: ScanStatus;
}

/** The part of the overview that one snapshot decides (the trend and the scan status are live). */
export type OverviewSnapshotPart = Omit<OverviewView, "trend" | "scan">;

export function buildOverviewSnapshotPart(snapshot: Snapshot): OverviewSnapshotPart {
  const summary = summarizeFindings(snapshot.findings);
  const matrix = buildFamilyMatrix(snapshot);
  // The same definition as the count: an open finding above info that is not a read failure.
  const driftedIds = new Set(snapshot.findings.filter(isDrift).map((f) => f.familyId));
  const drifted = matrix.rows
    .filter((r) => driftedIds.has(r.id) && r.worst !== null)
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.worst ?? "info") - SEVERITIES.indexOf(b.worst ?? "info") ||
        b.findings - a.findings,
    )
    .map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      worst: r.worst ?? "info",
      findings: r.findings - r.waived,
      regions: matrix.regions.filter((_, i) => SEVERITIES.includes(r.cells[i] as Severity)),
    }));
  return {
    snapshot: {
      id: snapshot.id,
      startedAt: snapshot.startedAt,
      finishedAt: snapshot.finishedAt,
      source: snapshot.source,
      accounts: snapshot.accounts,
      status: snapshotStatus(snapshot.summary),
      failedRegions: failedRegionsOf(snapshot.regions),
    },
    counts: {
      keys: snapshot.summary.keys,
      families: snapshot.families.length,
      driftedFamilies: summary.driftedFamilies,
      findings: summary.findings,
      waived: summary.waivedFindings,
      openBySeverity: summary.openBySeverity,
    },
    regions: snapshot.regions.map(({ trail: _trail, ...r }) => r),
    accounts: buildAccountsView(snapshot),
    driftedFamilies: drifted,
    residencyViolations: snapshot.findings
      .filter((f) => f.property === "residency")
      .map((f) => ({
        findingId: f.id,
        familyId: f.familyId,
        region: f.region,
        title: f.title,
        waived: f.waived,
        actor: f.attribution[0]?.actor ?? null,
      })),
    drGaps: snapshot.findings.flatMap((f) =>
      drGapsOf(f).map((g) => ({ ...g, familyId: f.familyId })),
    ),
  };
}

/** The overview before the first snapshot. */
export const EMPTY_OVERVIEW_PART: OverviewSnapshotPart = {
  snapshot: null,
  counts: null,
  regions: [],
  accounts: null,
  driftedFamilies: [],
  residencyViolations: [],
  drGaps: [],
};

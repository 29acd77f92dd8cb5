import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import type { RegionScan, RegionStatus, SnapshotSummary } from "../domain/snapshot";
import { statusOfRegions } from "../domain/snapshot-status";
import { summarizeFindings } from "../drift/summarize";

export function summarizeSnapshot(
  keys: KeyRecord[],
  families: Family[],
  findings: Finding[],
  regions: RegionScan[],
): SnapshotSummary {
  const counts = summarizeFindings(findings);
  const byStatus: Record<RegionStatus, number> = { ok: 0, partial: 0, error: 0, "not-enabled": 0 };
  for (const region of regions) byStatus[region.status] += 1;
  return {
    status: statusOfRegions(regions),
    keys: keys.length,
    auditedKeys: keys.filter((k) => k.audited).length,
    families: families.length,
    driftedFamilies: counts.driftedFamilies,
    findings: counts.findings,
    findingsBySeverity: counts.findingsBySeverity,
    waivedFindings: counts.waivedFindings,
    regions: byStatus,
  };
}

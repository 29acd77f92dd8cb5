import { type Finding, type Severity, SEVERITIES } from "../domain/finding";

export interface FindingsSummary {
  findings: number;
  /** Every finding, waived or not, by severity. */
  findingsBySeverity: Record<Severity, number>;
  /** Findings no waiver covers, by severity. */
  openBySeverity: Record<Severity, number>;
  waivedFindings: number;
  /** Families with at least one unwaived finding above `info` that is not a readability problem. */
  driftedFamilies: number;
}

function zeroCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

export function isDrift(finding: Finding): boolean {
  return !finding.waived && finding.severity !== "info" && finding.property !== "readability";
}

export function summarizeFindings(findings: Finding[]): FindingsSummary {
  const findingsBySeverity = zeroCounts();
  const openBySeverity = zeroCounts();
  const drifted = new Set<string>();
  let waived = 0;
  for (const f of findings) {
    findingsBySeverity[f.severity] += 1;
    if (f.waived) waived += 1;
    else openBySeverity[f.severity] += 1;
    if (isDrift(f)) drifted.add(f.familyId);
  }
  return {
    findings: findings.length,
    findingsBySeverity,
    openBySeverity,
    waivedFindings: waived,
    driftedFamilies: drifted.size,
  };
}

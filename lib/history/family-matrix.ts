import type { Family } from "../domain/family";
import { SEVERITIES, type Finding, type FindingProperty, type Severity } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import type { Snapshot } from "../domain/snapshot";
import { familyReadGaps } from "../drift/family-read-gaps";
import { coverageFromRegions, type RegionCoverage } from "../drift/region-coverage";
import { isDrift } from "../drift/summarize";
import type { CellState, FamilyMatrix, FamilyRow } from "./family-matrix-types";

function worstOf(severities: Iterable<Severity>): Severity | null {
  let best: Severity | null = null;
  for (const s of severities)
    if (best === null || SEVERITIES.indexOf(s) < SEVERITIES.indexOf(best)) best = s;
  return best;
}

interface CellContext {
  present: boolean;
  findings: Finding[];
  record: KeyRecord | undefined;
  /** The region was not read (or its aliases not listed) and may hold a member. */
  unread: boolean;
  /** The family had a reference, so its members were compared. */
  compared: boolean;
}

function cellState({ present, findings, record, unread, compared }: CellContext): CellState {
  const open = findings.filter((f) => !f.waived && f.property !== "readability");
  const worst = worstOf(open.map((f) => f.severity));
  if (!present) {
    if (findings.some((f) => f.property === "replicaSet" && !f.waived)) return "missing";
    if (worst !== null) return worst;
    // A region that was not read is never "not present": whether a member is there is unknown.
    return unread ? "not-read" : "absent";
  }
  if (worst !== null) return worst;
  if (
    findings.some((f) => f.property === "readability" && !f.waived) ||
    (record?.errors.length ?? 0) > 0
  )
    return "unreadable";
  // Nothing was compared without a reference: no member is "in sync".
  if (!compared) return "unknown";
  if (findings.some((f) => f.waived)) return "waived";
  return "in-sync";
}

function tagsOf(family: Family, keysByArn: Map<string, KeyRecord>): string[] {
  const ordered = [...family.members].sort(
    (a, b) =>
      Number(b.region === family.referenceRegion) - Number(a.region === family.referenceRegion),
  );
  for (const m of ordered) {
    const tags = keysByArn.get(m.arn)?.tags;
    if (tags)
      return Object.entries(tags)
        .map(([k, v]) => `${k}=${v}`)
        .sort();
  }
  return [];
}

/**
 * Each term once: a multi-Region key's replicas share its key id and usually its aliases, so
 * repeating them per region only lengthens the text every search scans.
 */
function searchText(terms: string[]): string {
  return [...new Set(terms.map((t) => t.toLowerCase()))].join(" ");
}

function buildRow(
  family: Family,
  regions: string[],
  findings: Finding[],
  keysByArn: Map<string, KeyRecord>,
  coverage: RegionCoverage,
): FamilyRow {
  const byRegion = new Map<string, Finding[]>();
  for (const f of findings) byRegion.set(f.region, [...(byRegion.get(f.region) ?? []), f]);
  const members = new Map(family.members.map((m) => [m.region, m]));
  const gaps = familyReadGaps(family, coverage);
  const unread = new Set(gaps.unread.map((u) => u.region));
  const cells = regions.map((region) => {
    const member = members.get(region);
    return cellState({
      present: member !== undefined,
      findings: byRegion.get(region) ?? [],
      record: member ? keysByArn.get(member.arn) : undefined,
      unread: unread.has(region),
      compared: gaps.compared,
    });
  });
  const open = findings.filter((f) => !f.waived);
  const severities = SEVERITIES.filter((s) => open.some((f) => f.severity === s));
  const aliases = family.members.flatMap((m) => keysByArn.get(m.arn)?.aliases ?? []);
  return {
    id: family.id,
    kind: family.kind,
    account: family.account,
    name: family.name,
    referenceRegion: family.referenceRegion,
    cells,
    worst: worstOf(severities),
    severities,
    properties: [...new Set(findings.map((f) => f.property))].sort() as FindingProperty[],
    findings: findings.length,
    waived: findings.length - open.length,
    tags: tagsOf(family, keysByArn),
    search: searchText([family.id, family.name, ...aliases, ...family.members.map((m) => m.keyId)]),
  };
}

/**
 * The regions a matrix shows, sorted: every region that holds a family member or a finding, and
 * every region that failed (its column says "not read" where a family may be).
 */
export function matrixRegions(snapshot: Snapshot): string[] {
  const set = new Set<string>();
  for (const f of snapshot.families) for (const m of f.members) set.add(m.region);
  for (const f of snapshot.findings) set.add(f.region);
  for (const r of snapshot.regions) if (r.status === "error") set.add(r.region);
  return [...set].sort();
}

export function buildFamilyMatrix(snapshot: Snapshot): FamilyMatrix {
  const regions = matrixRegions(snapshot);
  const coverage = coverageFromRegions(snapshot.regions, snapshot.keys);
  const keysByArn = new Map(snapshot.keys.map((k) => [k.arn, k]));
  const findingsByFamily = new Map<string, Finding[]>();
  for (const f of snapshot.findings)
    findingsByFamily.set(f.familyId, [...(findingsByFamily.get(f.familyId) ?? []), f]);
  return {
    snapshotId: snapshot.id,
    regions,
    accounts: [...snapshot.accounts].sort(),
    rows: snapshot.families.map((family) =>
      buildRow(family, regions, findingsByFamily.get(family.id) ?? [], keysByArn, coverage),
    ),
  };
}

/** The families with drift: an open finding above info that is not a read failure (as the summary counts). */
export function driftedFamilyIds(snapshot: Pick<Snapshot, "findings">): Set<string> {
  return new Set(snapshot.findings.filter(isDrift).map((f) => f.familyId));
}

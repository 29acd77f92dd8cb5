import type { Family, FamilyMember } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { Grant, KeyRecord } from "../domain/key-record";
import type { Snapshot } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import { drReadiness, placeOf } from "../drift/dr-readiness";
import { familyReadGaps, type FamilyReadGaps } from "../drift/family-read-gaps";
import { findUnusedRegions, type UnusedRegion } from "../drift/last-use";
import { coverageFromRegions } from "../drift/region-coverage";
import { comparePolicies } from "../policy/compare";
import type { PolicyDetail } from "../domain/finding-detail";
import type { StatementDiff } from "../domain/policy-evidence";
import { isEmptyStatementDiff } from "../policy/statement-diff";
import { policyDetailOf, toDrGapView, type DrGapView } from "./finding-details";
import { compareMemberProperties, type PropertyRow } from "./member-properties";

export interface MemberColumn extends FamilyMember {
  isReference: boolean;
  readable: boolean;
  grants: Grant[] | null;
  errors: KeyRecord["errors"];
}

/**
 * What the family page shows of a policy finding: the comparison, the DR gaps in words and the
 * access delta in words (`words`, one per stored delta entry).
 */
export type FindingPolicyView = Pick<
  PolicyDetail,
  "comparedWith" | "verdict" | "delta" | "deltaTotal" | "statements" | "undecidable"
> & { drReadiness?: DrGapView[]; words: string[] };

export type FindingView = Finding & { policy: FindingPolicyView | null };

/** The family itself and what reading it found: quick to build, and enough to know it exists. */
export interface FamilyOutline {
  snapshot: { id: string; startedAt: string };
  family: Family;
  members: MemberColumn[];
  properties: PropertyRow[];
  findings: FindingView[];
  events: TrailEvent[];
  /** Whether the family was compared, and the regions where it is unknown (not read). */
  readGaps: FamilyReadGaps;
}

/** DR readiness: decided over the members' policies, the slow part of the report. */
export interface FamilyDrReadiness {
  drGaps: DrGapView[];
  /** Regions whose key shows no recorded use ("never used in this region"). */
  drUnused: UnusedRegion[];
}

/** Members whose key policy reads differently from the reference's but allows the same. */
export type SameMeaningMembers = { region: string; statements: StatementDiff }[];

export interface FamilyReport extends FamilyOutline, FamilyDrReadiness {
  sameMeaning: SameMeaningMembers;
}

function policyView(detail: PolicyDetail): FindingPolicyView {
  const { comparedWith, verdict, delta, deltaTotal, statements, undecidable, drReadiness } = detail;
  return {
    comparedWith,
    verdict,
    delta,
    deltaTotal,
    statements,
    ...(undecidable ? { undecidable } : {}),
    ...(drReadiness ? { drReadiness: drReadiness.map(toDrGapView) } : {}),
    words: detail.accessChanges,
  };
}

function toFindingView(finding: Finding): FindingView {
  const detail = policyDetailOf(finding);
  return { ...finding, policy: detail ? policyView(detail) : null };
}

/** The members, reference first then by region, each with its key record (null when not read). */
function membersWithRecords(snapshot: Snapshot, family: Family) {
  const keysByArn = new Map(snapshot.keys.map((k) => [k.arn, k]));
  const ordered = [...family.members].sort(
    (a, b) =>
      Number(b.region === family.referenceRegion) - Number(a.region === family.referenceRegion) ||
      a.region.localeCompare(b.region),
  );
  return { ordered, records: ordered.map((m) => keysByArn.get(m.arn) ?? null) };
}

function familyKeys(snapshot: Snapshot, family: Family): KeyRecord[] {
  return membersWithRecords(snapshot, family).records.filter((r): r is KeyRecord => r !== null);
}

export function buildFamilyOutline(snapshot: Snapshot, familyId: string): FamilyOutline | null {
  const family = snapshot.families.find((f) => f.id === familyId);
  if (!family) return null;
  const { ordered, records } = membersWithRecords(snapshot, family);
  const members = ordered.map((m, i) => ({
    ...m,
    isReference: m.region === family.referenceRegion,
    readable: records[i] !== null,
    grants: records[i]?.grants ?? null,
    errors: records[i]?.errors ?? [],
  }));
  const keyIds = new Set(family.members.map((m) => m.keyId));
  return {
    snapshot: { id: snapshot.id, startedAt: snapshot.startedAt },
    family,
    members,
    properties: compareMemberProperties(
      records,
      Math.max(
        0,
        ordered.findIndex((m) => m.region === family.referenceRegion),
      ),
    ),
    findings: snapshot.findings.filter((f) => f.familyId === family.id).map(toFindingView),
    events: snapshot.events
      .filter((e) => e.account === family.account && e.keyIds.some((k) => keyIds.has(k)))
      .sort((a, b) => b.eventTime.localeCompare(a.eventTime)),
    readGaps: familyReadGaps(family, coverageFromRegions(snapshot.regions, snapshot.keys)),
  };
}

export function buildFamilyDrReadiness(snapshot: Snapshot, family: Family): FamilyDrReadiness {
  const keys = familyKeys(snapshot, family);
  return {
    drGaps: drReadiness(family, keys).map(toDrGapView),
    drUnused: findUnusedRegions(family.referenceRegion, keys, new Date(snapshot.startedAt)),
  };
}

export function buildSameMeaning(snapshot: Snapshot, family: Family): SameMeaningMembers {
  return sameMeaningMembers(familyKeys(snapshot, family), family.referenceRegion);
}

export function buildFamilyReport(snapshot: Snapshot, familyId: string): FamilyReport | null {
  const outline = buildFamilyOutline(snapshot, familyId);
  if (!outline) return null;
  const { readGaps, ...rest } = outline;
  return {
    ...rest,
    ...buildFamilyDrReadiness(snapshot, outline.family),
    sameMeaning: buildSameMeaning(snapshot, outline.family),
    readGaps,
  };
}

/** "Reads differently, allows the same": no finding by default, shown with the statement diff. */
function sameMeaningMembers(
  records: KeyRecord[],
  referenceRegion: string | null,
): SameMeaningMembers {
  const reference = records.find((r) => r.region === referenceRegion);
  if (!reference?.policy) return [];
  const out: SameMeaningMembers = [];
  for (const record of records) {
    if (record === reference || !record.policy) continue;
    const c = comparePolicies(
      { policy: reference.policy, place: placeOf(reference) },
      { policy: record.policy, place: placeOf(record) },
    );
    if (c.verdict === "equal" && !isEmptyStatementDiff(c.statementDiff)) {
      out.push({ region: record.region, statements: c.statementDiff });
    }
  }
  return out;
}

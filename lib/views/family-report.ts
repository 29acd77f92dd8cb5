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
import { isEmptyStatementDiff, type StatementDiff } from "../policy/statement-diff";
import { describeEntry } from "../policy/words";
import {
  policyDetailOf,
  toDrGapView,
  type DrGapView,
  type PolicyDetailView,
} from "./finding-details";
import { compareMemberProperties, type PropertyRow } from "./member-properties";

export interface MemberColumn extends FamilyMember {
  isReference: boolean;
  readable: boolean;
  grants: Grant[] | null;
  errors: KeyRecord["errors"];
}

export interface FindingView extends Finding {
  policy: (PolicyDetailView & { words: string[] }) | null;
}

export interface FamilyReport {
  snapshot: { id: string; startedAt: string };
  family: Family;
  members: MemberColumn[];
  properties: PropertyRow[];
  findings: FindingView[];
  events: TrailEvent[];
  drGaps: DrGapView[];
  /** DR readiness: regions whose key shows no recorded use ("never used in this region"). */
  drUnused: UnusedRegion[];
  /** Members whose key policy reads differently from the reference's but allows the same. */
  sameMeaning: { region: string; statements: StatementDiff }[];
  /** Whether the family was compared, and the regions where it is unknown (not read). */
  readGaps: FamilyReadGaps;
}

function toFindingView(finding: Finding): FindingView {
  const policy = policyDetailOf(finding);
  return {
    ...finding,
    policy: policy
      ? {
          ...policy,
          words: policy.delta.map((e) =>
            describeEntry(e, {
              actual: finding.region,
              reference: policy.comparedWith ?? finding.referenceRegion ?? "the reference",
            }),
          ),
        }
      : null,
  };
}

export function buildFamilyReport(snapshot: Snapshot, familyId: string): FamilyReport | null {
  const family = snapshot.families.find((f) => f.id === familyId);
  if (!family) return null;
  const keysByArn = new Map(snapshot.keys.map((k) => [k.arn, k]));
  const ordered = [...family.members].sort(
    (a, b) =>
      Number(b.region === family.referenceRegion) - Number(a.region === family.referenceRegion) ||
      a.region.localeCompare(b.region),
  );
  const records = ordered.map((m) => keysByArn.get(m.arn) ?? null);
  const members = ordered.map((m, i) => ({
    ...m,
    isReference: m.region === family.referenceRegion,
    readable: records[i] !== null,
    grants: records[i]?.grants ?? null,
    errors: records[i]?.errors ?? [],
  }));
  const keyIds = new Set(family.members.map((m) => m.keyId));
  const familyKeys = records.filter((r): r is KeyRecord => r !== null);
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
    drGaps: drReadiness(family, familyKeys).map(toDrGapView),
    drUnused: findUnusedRegions(family.referenceRegion, familyKeys, new Date(snapshot.startedAt)),
    sameMeaning: sameMeaningMembers(familyKeys, family.referenceRegion),
    readGaps: familyReadGaps(family, coverageFromRegions(snapshot.regions, snapshot.keys)),
  };
}

/** "Reads differently, allows the same": no finding by default, shown with the statement diff. */
function sameMeaningMembers(
  records: KeyRecord[],
  referenceRegion: string | null,
): FamilyReport["sameMeaning"] {
  const reference = records.find((r) => r.region === referenceRegion);
  if (!reference?.policy) return [];
  const out: FamilyReport["sameMeaning"] = [];
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

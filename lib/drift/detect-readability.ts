import { REFERENCE_NOT_READ_FLAG_PREFIX } from "../domain/family";
import type { ReadError } from "../domain/key-record";
import { MAX_POLICY_BYTES, MAX_POLICY_DEPTH } from "../domain/policy-bounds";
import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";
import { unreadReason, type RegionCoverage } from "./region-coverage";

function describeError(error: ReadError, region: string): string {
  switch (error.code) {
    case "MalformedPolicyDocument":
      return `key policy in ${region} could not be parsed (MalformedPolicyDocument)`;
    case "PolicyTooDeep":
      return `key policy in ${region} is nested deeper than ${MAX_POLICY_DEPTH} levels, not analysed`;
    case "PolicyTooLarge":
      return `key policy in ${region} is larger than ${MAX_POLICY_BYTES} bytes, not analysed`;
    default:
      return `${error.property} in ${region} could not be read: ${error.code}`;
  }
}

/** Every property of a member that could not be read, and members the inventory holds no record for. */
export function detectReadability(view: FamilyView): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { member, record } of view.members) {
    if (!record) {
      out.push({
        property: "readability",
        region: member.region,
        keyId: member.keyId,
        title: `no record of ${member.keyId} in ${member.region}: nothing about it was compared`,
        expected: null,
        actual: null,
        detail: { rule: "readability", unread: "record", arn: member.arn },
        remediation: [],
        what: "record-missing",
      });
      continue;
    }
    for (const error of record.errors) {
      out.push({
        property: "readability",
        region: member.region,
        keyId: member.keyId,
        title: describeError(error, member.region),
        expected: null,
        actual: null,
        detail: {
          rule: "readability",
          unread: error.property,
          code: error.code,
          message: error.message,
          note: `${error.property} was not compared for this key`,
        },
        remediation: [],
        what: `${error.property}:${error.code}`,
      });
    }
  }
  return out;
}

/** The regions a family flags as its (possible) reference that the scan failed to read. */
function referencesNotRead(view: FamilyView): string[] {
  return view.family.flags
    .filter((f) => f.startsWith(REFERENCE_NOT_READ_FLAG_PREFIX))
    .map((f) => f.slice(REFERENCE_NOT_READ_FLAG_PREFIX.length));
}

/**
 * A family whose reference region failed: nothing in it was compared, so its drift is unknown. One
 * finding says so (the id depends on the region only, so it stays the same while the region is down).
 */
export function detectReferenceNotRead(view: FamilyView, coverage: RegionCoverage): DraftFinding[] {
  const { family } = view;
  return referencesNotRead(view).map((region) => {
    const state = coverage.of(family.account, region);
    const why = unreadReason(coverage, family.account, region);
    // An alias family's members are known only where the scan read: the failed region may hold one.
    const subject =
      family.kind !== "alias"
        ? `reference region ${region} was not read`
        : state.state === "read"
          ? `the reference region may be ${region}, whose aliases could not be listed`
          : `the reference region may be ${region}, which was not read`;
    return {
      property: "readability",
      region,
      keyId: family.name,
      title: `could not compare: ${subject} (${why})`,
      expected: null,
      actual: null,
      detail: {
        rule: "readability",
        unread: "reference-region",
        referenceRegion: region,
        reason: why,
        note: "no property of this family was compared; its drift is unknown until the region is read",
      },
      remediation: [],
      what: `reference-not-read:${region}`,
    };
  });
}

/** A family whose reference region is unknown: nothing is compared, and the finding says so. */
export function detectNoReference(view: FamilyView, updating: boolean): DraftFinding[] {
  if (view.family.referenceRegion !== null || referencesNotRead(view).length > 0) return [];
  const first = view.members[0];
  if (!first) return [];
  return [
    {
      property: "replicaSet",
      region: first.member.region,
      keyId: view.family.name,
      title: `no reference region for ${view.family.name}: properties were not compared`,
      expected: null,
      actual: view.members.map((m) => m.member.region),
      detail: {
        rule: updating ? "replica-set-updating" : "replica-set",
        referenceUnknown: true,
        flags: view.family.flags,
      },
      remediation: [],
      what: "no-reference",
    },
  ];
}

import type { ReadError } from "../domain/key-record";
import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";

function describeError(error: ReadError, region: string): string {
  if (error.code === "MalformedPolicyDocument")
    return `key policy in ${region} could not be parsed (MalformedPolicyDocument)`;
  return `${error.property} in ${region} could not be read: ${error.code}`;
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
        rule: "readability",
        title: `no record of ${member.keyId} in ${member.region}: nothing about it was compared`,
        expected: null,
        actual: null,
        detail: { unread: "record", arn: member.arn },
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
        rule: "readability",
        title: describeError(error, member.region),
        expected: null,
        actual: null,
        detail: {
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

/** A family whose reference region is unknown: nothing is compared, and the finding says so. */
export function detectNoReference(view: FamilyView, updating: boolean): DraftFinding[] {
  if (view.family.referenceRegion !== null) return [];
  const first = view.members[0];
  if (!first) return [];
  return [
    {
      property: "replicaSet",
      region: first.member.region,
      keyId: view.family.name,
      rule: updating ? "replica-set-updating" : "replica-set",
      title: `no reference region for ${view.family.name}: properties were not compared`,
      expected: null,
      actual: view.members.map((m) => m.member.region),
      detail: { referenceUnknown: true, flags: view.family.flags },
      remediation: [],
      what: "no-reference",
    },
  ];
}

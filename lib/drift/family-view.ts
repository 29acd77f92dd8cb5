import type { Family, FamilyMember } from "../domain/family";
import type { KeyRecord } from "../domain/key-record";
import { partitionOfArn } from "../domain/region-text";

export interface MemberView {
  member: FamilyMember;
  /** Null when the family lists a key the inventory holds no record for. */
  record: KeyRecord | null;
}

/** A family with its members' records looked up: what every rule reads. */
export interface FamilyView {
  family: Family;
  members: MemberView[];
  /** The member in the reference region, when there is one. */
  reference: MemberView | null;
  partition: string;
  /** Tags used by selectors: the reference's, else the first member's that could be read. */
  tags: Record<string, string>;
  /** Every alias of every member (and an alias family's own alias). */
  aliases: string[];
}

export function indexKeysByArn(keys: KeyRecord[]): Map<string, KeyRecord> {
  return new Map(keys.map((k) => [k.arn, k]));
}

export function buildFamilyView(family: Family, keysByArn: Map<string, KeyRecord>): FamilyView {
  const members = family.members.map((member) => ({
    member,
    record: keysByArn.get(member.arn) ?? null,
  }));
  const reference =
    family.referenceRegion === null
      ? null
      : (members.find((m) => m.member.region === family.referenceRegion) ?? null);
  const tagSource = [reference, ...members].find((m) => m?.record?.tags)?.record?.tags ?? {};
  const aliases = new Set(members.flatMap((m) => m.record?.aliases ?? []));
  if (family.kind === "alias") aliases.add(family.name);
  return {
    family,
    members,
    reference,
    partition: partitionOfArn(family.members[0]?.arn ?? ""),
    tags: tagSource,
    aliases: [...aliases].sort(),
  };
}

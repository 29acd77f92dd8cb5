import {
  ALIASES_NOT_READ_FLAG_PREFIX,
  REFERENCE_NOT_READ_FLAG_PREFIX,
  type Family,
  type FamilyMember,
} from "../domain/family";
import type { KeyRecord } from "../domain/key-record";
import type { KeyRef, RegionListing } from "../domain/region-listing";
import { EVERY_REGION_READ, type RegionCoverage } from "./region-coverage";

/** Per-region flag: a member the primary lists lives in a region this scan did not read. */
export const NOT_SCANNED_FLAG_PREFIX = "not-scanned:";

export interface FamilyConfig {
  readAllKeys?: boolean;
  aliasFamilies?: { referenceRegion?: string };
  declaredFamilies?: { name: string; keys: string[]; referenceRegion?: string }[];
}

export interface FamilyPlan {
  /** Keys to read in full (DescribeKey + properties), by `account|region`. */
  toRead: Map<string, KeyRef[]>;
  /** How many families the listing suggests (for progress only; formFamilies decides). */
  familyCount: number;
}

const AWS_ALIAS_PREFIX = "alias/aws/";
export const isMultiRegionKeyId = (keyId: string): boolean => keyId.startsWith("mrk-");
export const regionKey = (account: string, region: string): string => `${account}|${region}`;

/**
 * First pass, from listings only: which keys are worth reading. Multi-Region keys are recognised by
 * their `mrk-` id (nothing is assumed about the rest of the id). AWS managed keys are told apart
 * without DescribeKey: only they carry `alias/aws/*` aliases, and customer aliases can only target
 * customer managed keys, so every non-mrk key targeted by a customer alias that also exists in
 * another region of the account is a candidate alias-family member.
 */
export function planFamilies(listings: RegionListing[], config: FamilyConfig): FamilyPlan {
  const chosen = new Map<string, KeyRef>();
  const families = new Set<string>();
  const byArn = new Map<string, KeyRef>();
  const choose = (ref: KeyRef) => chosen.set(ref.arn, ref);

  const aliasRegions = new Map<string, KeyRef[]>();
  for (const listing of listings) {
    const keys = new Map(
      listing.keys.map((k) => [
        k.keyId,
        { account: listing.account, region: listing.region, ...k },
      ]),
    );
    for (const ref of keys.values()) {
      byArn.set(ref.arn, ref);
      if (config.readAllKeys === true) choose(ref);
      if (isMultiRegionKeyId(ref.keyId)) {
        choose(ref);
        families.add(`${ref.account}:${ref.keyId}`);
      }
    }
    for (const alias of listing.aliases) {
      const target = alias.targetKeyId === undefined ? undefined : keys.get(alias.targetKeyId);
      if (
        target === undefined ||
        alias.name.startsWith(AWS_ALIAS_PREFIX) ||
        isMultiRegionKeyId(target.keyId)
      )
        continue;
      const id = `${listing.account}:${alias.name}`;
      aliasRegions.set(id, [...(aliasRegions.get(id) ?? []), target]);
    }
  }
  for (const [id, members] of aliasRegions) {
    if (new Set(members.map((m) => m.region)).size < 2) continue;
    families.add(id);
    members.forEach(choose);
  }
  for (const declared of config.declaredFamilies ?? []) {
    families.add(`declared/${declared.name}`);
    for (const arn of declared.keys) {
      const ref = byArn.get(arn);
      if (ref !== undefined) choose(ref);
    }
  }

  const toRead = new Map<string, KeyRef[]>();
  for (const ref of chosen.values()) {
    const key = regionKey(ref.account, ref.region);
    toRead.set(key, [...(toRead.get(key) ?? []), ref]);
  }
  return { toRead, familyCount: families.size };
}

const byRegion = (a: FamilyMember, b: FamilyMember) => a.region.localeCompare(b.region);
const member = (record: KeyRecord, role: FamilyMember["role"]): FamilyMember => ({
  region: record.region,
  keyId: record.keyId,
  arn: record.arn,
  role,
});

function groupBy<T>(items: T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/**
 * A multi-Region family: the primary comes from MultiRegionConfiguration. While the primary region
 * is being changed (`Updating`), DescribeKey may show only replicas: the family is flagged and the
 * region the members agree on as PrimaryKey is used, if any.
 */
function formMultiRegionFamily(
  account: string,
  keyId: string,
  records: KeyRecord[],
  coverage: RegionCoverage,
): Family {
  const flags = new Set<string>();
  const primaryRecord = records.find(
    (r) => r.metadata.MultiRegionConfiguration?.MultiRegionKeyType === "PRIMARY",
  );
  const claimed = new Set(
    records
      .map((r) => r.metadata.MultiRegionConfiguration?.PrimaryKey?.Region)
      .filter((r) => r !== undefined),
  );
  let primaryRegion = primaryRecord?.region ?? (claimed.size === 1 ? [...claimed][0] : undefined);
  if (
    records.some((r) => r.metadata.KeyState === "Updating") ||
    (primaryRecord === undefined && claimed.size !== 1) ||
    claimed.size > 1
  ) {
    flags.add("primary-updating");
  }
  if (primaryRecord === undefined && claimed.size > 1) primaryRegion = undefined;
  const known = new Set(
    records.flatMap((r) =>
      (r.metadata.MultiRegionConfiguration?.ReplicaKeys ?? []).map((k) => k.Region),
    ),
  );
  if (primaryRegion !== undefined) known.add(primaryRegion);
  if (primaryRegion !== undefined && !records.some((r) => r.region === primaryRegion)) {
    flags.add("primary-not-scanned");
    if (coverage.of(account, primaryRegion).state === "failed")
      flags.add(`${REFERENCE_NOT_READ_FLAG_PREFIX}${primaryRegion}`);
  }
  const unscanned = [...known].filter((region) => coverage.of(account, region).state !== "read");
  if (unscanned.length > 0) flags.add("members-not-scanned");
  for (const region of unscanned) flags.add(`${NOT_SCANNED_FLAG_PREFIX}${region}`);
  const referenceRegion =
    primaryRegion !== undefined && records.some((r) => r.region === primaryRegion)
      ? primaryRegion
      : null;
  return {
    id: `${account}:${keyId}`,
    kind: "multi-region",
    account,
    name: keyId,
    referenceRegion,
    members: records
      .map((r) => member(r, r.region === primaryRegion ? "primary" : "replica"))
      .sort(byRegion),
    flags: [...flags].sort(),
  };
}

type ReferenceChoice = { region: string | null } | { notRead: string };

/**
 * The reference of an alias or declared family: the preferred region when a member is there, else
 * the first member region in name order. A failed region that could hold a member (`unread`) and
 * comes first in that order makes the choice unknowable: comparing against the next region would
 * report the wrong side as drifted.
 */
function chooseReference(
  present: string[],
  preferred: string | undefined,
  unread: readonly string[],
): ReferenceChoice {
  const order = [
    ...(preferred !== undefined ? [preferred] : []),
    ...[...present, ...unread].sort(),
  ];
  for (const region of order) {
    if (present.includes(region)) return { region };
    if (unread.includes(region)) return { notRead: region };
  }
  return { region: null };
}

function referenceFields(choice: ReferenceChoice): Pick<Family, "referenceRegion" | "flags"> {
  return "notRead" in choice
    ? { referenceRegion: null, flags: [`${REFERENCE_NOT_READ_FLAG_PREFIX}${choice.notRead}`] }
    : { referenceRegion: choice.region, flags: [] };
}

/** The region of a key ARN (`arn:aws:kms:eu-west-1:…`), if it is one. */
function regionOfArn(arn: string): string | undefined {
  const region = arn.split(":")[3];
  return region === undefined || region === "" ? undefined : region;
}

/** Final pass over the records read: multi-Region, alias and declared families, in id order. */
export function formFamilies(
  keys: KeyRecord[],
  config: FamilyConfig,
  coverage: RegionCoverage = EVERY_REGION_READ,
): Family[] {
  const families: Family[] = [];

  const mrk = groupBy(keys, (k) =>
    isMultiRegionKeyId(k.keyId) ? `${k.account}\u0000${k.keyId}` : undefined,
  );
  for (const [key, records] of mrk) {
    const [account = "", keyId = ""] = key.split("\u0000");
    families.push(formMultiRegionFamily(account, keyId, records, coverage));
  }

  const aliasCandidates = keys.filter(
    (k) =>
      k.metadata.KeyManager === "CUSTOMER" &&
      !k.metadata.MultiRegion &&
      !isMultiRegionKeyId(k.keyId),
  );
  const byAlias = new Map<string, KeyRecord[]>();
  for (const record of aliasCandidates) {
    for (const alias of record.aliases ?? []) {
      if (alias.startsWith(AWS_ALIAS_PREFIX)) continue;
      const id = `${record.account}:${alias}`;
      byAlias.set(id, [...(byAlias.get(id) ?? []), record]);
    }
  }
  for (const [id, records] of byAlias) {
    const regions = [...new Set(records.map((r) => r.region))];
    if (regions.length < 2) continue;
    const first = records[0];
    if (first === undefined) continue;
    // Whether a failed region, or one whose aliases could not be listed, holds the alias is
    // unknown: any such region of the account may.
    const noAliases = coverage.aliasesNotListed(first.account);
    const reference = referenceFields(
      chooseReference(regions, config.aliasFamilies?.referenceRegion, [
        ...new Set([...coverage.failed(first.account), ...noAliases]),
      ]),
    );
    families.push({
      id,
      kind: "alias",
      account: first.account,
      name: id.slice(first.account.length + 1),
      referenceRegion: reference.referenceRegion,
      members: records.map((r) => member(r, "member")).sort(byRegion),
      flags: [
        ...reference.flags,
        ...noAliases.map((region) => `${ALIASES_NOT_READ_FLAG_PREFIX}${region}`),
      ].sort(),
    });
  }

  const byArn = new Map(keys.map((k) => [k.arn, k]));
  for (const declared of config.declaredFamilies ?? []) {
    const records = declared.keys.map((arn) => byArn.get(arn)).filter((r) => r !== undefined);
    const account = records[0]?.account ?? declared.keys[0]?.split(":")[4] ?? "";
    // The declared ARNs name their regions: only a failed region holding one of them matters.
    const failed = coverage.failed(account);
    const reference = referenceFields(
      chooseReference(
        records.map((r) => r.region),
        declared.referenceRegion,
        declared.keys.flatMap((arn) => {
          const region = regionOfArn(arn);
          return region !== undefined && failed.includes(region) ? [region] : [];
        }),
      ),
    );
    const notFound = records.length < declared.keys.length ? ["members-not-found"] : [];
    families.push({
      id: `${account}:declared/${declared.name}`,
      kind: "declared",
      account,
      name: declared.name,
      referenceRegion: reference.referenceRegion,
      members: records.map((r) => member(r, "member")).sort(byRegion),
      flags: [...notFound, ...reference.flags].sort(),
    });
  }

  return families.sort((a, b) => a.id.localeCompare(b.id));
}

import { isAliasFamilyId } from "../domain/family";
import type { Finding, FindingProperty } from "../domain/finding";
import type { ReadError } from "../domain/key-record";
import type { Snapshot } from "../domain/snapshot";
import { coverageFromRegions } from "../drift/region-coverage";

/** What a snapshot read: a finding of an older snapshot that it could not check is not resolved. */
export interface ReadCoverage {
  /** Whether this snapshot read everything `finding` (from another snapshot) depends on. */
  covers(finding: Finding): boolean;
}

/** Two finding lists compared with no snapshot context (tests): everything counts as read. */
export const FULL_COVERAGE: ReadCoverage = { covers: () => true };

// The key property each finding depends on (metadata: DescribeKey). Readability findings depend on
// nothing: one that is gone while its region was read means the property is readable now.
const DEPENDS_ON: Record<FindingProperty, ReadError["property"] | null> = {
  policy: "policy",
  grants: "grants",
  aliases: "aliases",
  tags: "tags",
  rotation: "rotation",
  state: "metadata",
  description: "metadata",
  keySpec: "metadata",
  keyUsage: "metadata",
  origin: "metadata",
  replicaSet: "metadata",
  residency: "metadata",
  readability: null,
  usage: "lastUse",
};

const at = (...parts: string[]) => parts.join("\u0000");

/**
 * What `snapshot` read. A finding is covered when its region and its reference region were read
 * (`ok` or `partial`), for an alias family their aliases could be listed, its family (if still
 * formed) had a reference to compare against, and the key property it is about could be read on
 * its key and on the family's reference key.
 */
export function readCoverageOf(
  snapshot: Pick<Snapshot, "regions" | "families" | "keys">,
): ReadCoverage {
  const read = new Set(
    snapshot.regions
      .filter((r) => r.status === "ok" || r.status === "partial")
      .map((r) => at(r.account, r.region)),
  );
  const unreadProperties = new Set(
    snapshot.keys.flatMap((k) => k.errors.map((e) => at(k.account, k.region, k.keyId, e.property))),
  );
  const families = new Map(snapshot.families.map((f) => [f.id, f]));
  // Last use is optional (config `lastUse.read`): a key whose last use was not read cannot confirm
  // that its usage finding is gone, whatever the reason.
  const lastUseRead = new Set(
    snapshot.keys.filter((k) => k.lastUse).map((k) => at(k.account, k.region, k.keyId)),
  );
  // Where ListAliases was refused, which keys belong to which alias family is unknown.
  const aliases = coverageFromRegions([], snapshot.keys);
  const aliasesListed = (account: string, region: string | null) =>
    region === null || aliases.aliasesProblem(account, region) === null;

  const propertyRead = (account: string, region: string, keyId: string, property: string) =>
    !unreadProperties.has(at(account, region, keyId, property)) &&
    !unreadProperties.has(at(account, region, keyId, "metadata"));

  return {
    covers(finding) {
      if (!read.has(at(finding.account, finding.region))) return false;
      const reference = finding.referenceRegion;
      if (reference !== null && !read.has(at(finding.account, reference))) return false;
      if (
        isAliasFamilyId(finding.familyId) &&
        !(
          aliasesListed(finding.account, finding.region) &&
          aliasesListed(finding.account, reference)
        )
      )
        return false;
      const family = families.get(finding.familyId);
      if (family !== undefined && family.referenceRegion === null) return false;
      const property = DEPENDS_ON[finding.property];
      if (property === null) return true;
      if (
        finding.property === "usage" &&
        !lastUseRead.has(at(finding.account, finding.region, finding.keyId))
      )
        return false;
      if (!propertyRead(finding.account, finding.region, finding.keyId, property)) return false;
      const refMember = family?.members.find((m) => m.region === family.referenceRegion);
      return (
        refMember === undefined ||
        propertyRead(finding.account, refMember.region, refMember.keyId, property)
      );
    },
  };
}

import {
  ALIASES_NOT_READ_FLAG_PREFIX,
  REFERENCE_NOT_READ_FLAG_PREFIX,
  type Family,
} from "../domain/family";
import { NOT_SCANNED_FLAG_PREFIX } from "./families";
import { unreadReason, type RegionCoverage } from "./region-coverage";

/** A region where a family's state is unknown, and why. */
export interface UnreadRegion {
  region: string;
  /** `error: connect ECONNREFUSED …`, `ListAliases: AccessDeniedException`, `not-scanned`… */
  reason: string;
}

/** What a scan could say about one family: whether it was compared, and where it is unknown. */
export interface FamilyReadGaps {
  /**
   * False when the family has no reference (its reference region was not read, or the primary is
   * changing): none of its properties was compared, so no member is "in sync".
   */
  compared: boolean;
  /** Regions that were not read (or whose aliases were not listed) and may hold a member. */
  unread: UnreadRegion[];
}

const flagged = (family: Family, prefix: string) =>
  family.flags.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));

/**
 * Where a family's state is unknown: regions its flags name (a replica the primary lists, a
 * reference, or aliases not read), and for an alias family every failed region of its account,
 * since any of them may hold a key with its alias. Such regions are never "in sync" or "absent".
 */
export function familyReadGaps(family: Family, coverage: RegionCoverage): FamilyReadGaps {
  const referencesNotRead = flagged(family, REFERENCE_NOT_READ_FLAG_PREFIX);
  const regions = new Set([
    ...flagged(family, NOT_SCANNED_FLAG_PREFIX),
    ...referencesNotRead,
    ...flagged(family, ALIASES_NOT_READ_FLAG_PREFIX),
    ...(family.kind === "alias" ? coverage.failed(family.account) : []),
  ]);
  const unread = [...regions]
    .sort()
    .map((region) => ({ region, reason: unreadReason(coverage, family.account, region) }));
  return { compared: family.referenceRegion !== null, unread };
}

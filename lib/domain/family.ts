/**
 * Family flag `reference-not-read:<region>`: the family's reference region (or a region that would
 * take precedence as reference) was in the scan but failed, so nothing in the family was compared.
 */
export const REFERENCE_NOT_READ_FLAG_PREFIX = "reference-not-read:";

/**
 * Family flag `aliases-not-read:<region>` (alias families): the region was read but its aliases
 * could not be listed, so whether it holds a member of the family is unknown.
 */
export const ALIASES_NOT_READ_FLAG_PREFIX = "aliases-not-read:";

/** Whether a family id (`<account>:alias/<name>`) names an alias family, formed or not. */
export function isAliasFamilyId(id: string): boolean {
  return id.slice(id.indexOf(":") + 1).startsWith("alias/");
}

export type FamilyKind = "multi-region" | "alias" | "declared";

export interface FamilyMember {
  region: string;
  keyId: string;
  arn: string;
  role: "primary" | "replica" | "member";
}

/**
 * Keys meant to be "the same key" across regions of one account.
 * id: `<account>:<keyId>` (multi-region), `<account>:alias/<name>` (alias), `<account>:declared/<name>`.
 */
export interface Family {
  id: string;
  kind: FamilyKind;
  account: string;
  /** The mrk key id, the alias name, or the declared family's name. */
  name: string;
  /** The region every other member is compared against; null when it could not be determined. */
  referenceRegion: string | null;
  members: FamilyMember[];
  /**
   * Conditions that qualify the comparison, e.g. `primary-not-scanned`, `primary-updating`,
   * `not-scanned:<region>`, `reference-not-read:<region>`, `aliases-not-read:<region>`.
   */
  flags: string[];
}

import { z } from "zod";

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

export const FAMILY_KINDS = ["multi-region", "alias", "declared"] as const;
export type FamilyKind = (typeof FAMILY_KINDS)[number];

export const familyMemberSchema = z.strictObject({
  region: z.string(),
  keyId: z.string(),
  arn: z.string(),
  role: z.enum(["primary", "replica", "member"]),
});
export type FamilyMember = z.infer<typeof familyMemberSchema>;

/**
 * Keys meant to be "the same key" across regions of one account.
 * id: `<account>:<keyId>` (multi-region), `<account>:alias/<name>` (alias), `<account>:declared/<name>`.
 * `name`: the mrk key id, the alias name, or the declared family's name. `referenceRegion`: the
 * region every other member is compared against; null when it could not be determined. `flags`:
 * conditions that qualify the comparison, e.g. `primary-not-scanned`, `primary-updating`,
 * `not-scanned:<region>`, `reference-not-read:<region>`, `aliases-not-read:<region>`.
 */
export const familySchema = z.strictObject({
  id: z.string(),
  kind: z.enum(FAMILY_KINDS),
  account: z.string(),
  name: z.string(),
  referenceRegion: z.string().nullable(),
  members: z.array(familyMemberSchema),
  flags: z.array(z.string()),
});
export type Family = z.infer<typeof familySchema>;

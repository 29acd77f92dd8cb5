import type { FamilyKind } from "../domain/family";

export const FAMILY_KINDS_LIST: readonly [FamilyKind, ...FamilyKind[]] = [
  "multi-region",
  "alias",
  "declared",
];

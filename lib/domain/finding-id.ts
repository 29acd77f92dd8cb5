import { createHash } from "node:crypto";

/** The stable id of a finding: the same drift keeps the same id across snapshots. */
export function findingId(
  familyId: string,
  property: string,
  region: string,
  what: string,
): string {
  return createHash("sha256")
    .update([familyId, property, region, what].join("\u0000"))
    .digest("hex")
    .slice(0, 16);
}

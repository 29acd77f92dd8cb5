import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";
import { matchGlob } from "../domain/glob";
import type { ResidencyRule } from "./rules-schema";
import { scheduleKeyDeletionCommand } from "./remediation";
import { matchSelector } from "./selector";

/** Config residency rules: every member of a selected family must live in an allowed region. */
export function detectResidency(view: FamilyView, rules: ResidencyRule[]): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const rule of rules) {
    if (!matchSelector(rule.selector, view)) continue;
    for (const { member } of view.members) {
      if (rule.allowedRegions.some((p) => matchGlob(p, member.region))) continue;
      out.push({
        property: "residency",
        region: member.region,
        keyId: member.keyId,
        title: `key material of ${view.family.name} lives in ${member.region}, outside ${rule.allowedRegions.join(", ")} (rule ${rule.name})`,
        expected: rule.allowedRegions,
        actual: member.region,
        detail: {
          rule: "residency",
          residencyRule: rule.name,
          allowedRegions: rule.allowedRegions,
          role: member.role,
        },
        // The only way to take key material out of a region is to delete the key there.
        remediation: [scheduleKeyDeletionCommand(member.region, member.keyId)],
        what: `${rule.name}:${member.region}`,
      });
    }
  }
  return out;
}

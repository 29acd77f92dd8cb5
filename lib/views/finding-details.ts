import type { Finding } from "../domain/finding";
import type { DrReadinessGap, PolicyDetail, ResidencyDetail } from "../domain/finding-detail";
import { describeDrGap } from "../drift/dr-words";
import { KEY_USE_ACTIONS } from "../policy/kms-actions";

/** A DR-readiness gap with the sentence pages show. */
export type DrGapView = DrReadinessGap & { sentence: string };

export function toDrGapView(gap: DrReadinessGap): DrGapView {
  return { ...gap, sentence: describeDrGap(gap) };
}

/** The comparison a policy finding records; null for other findings and for waiver notices. */
export function policyDetailOf(finding: Finding): PolicyDetail | null {
  if (finding.property !== "policy" || finding.detail.rule === "waiver-expired") return null;
  return finding.detail;
}

/** The rule a residency finding records; null for other findings and for waiver notices. */
export function residencyDetailOf(finding: Finding): ResidencyDetail | null {
  if (finding.property !== "residency" || finding.detail.rule === "waiver-expired") return null;
  return finding.detail;
}

/** DR-readiness gaps a finding records: policy gaps, or a replica whose state makes it unusable. */
export function drGapsOf(finding: Finding): DrGapView[] {
  if (finding.property === "policy")
    return (policyDetailOf(finding)?.drReadiness ?? []).map(toDrGapView);
  if (finding.property === "state" && finding.detail.rule === "replica-unusable")
    // The key itself is unusable there: no principal can use it, whatever the policy says.
    return [
      toDrGapView({
        principal: "*",
        region: finding.region,
        missing: [...KEY_USE_ACTIONS],
        reason: "key-state",
        keyState: finding.detail.state,
      }),
    ];
  return [];
}

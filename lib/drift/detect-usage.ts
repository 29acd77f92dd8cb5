import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";
import { dayOf, findNoRecordedUse, PRE_TRACKING_CAVEAT } from "./last-use";
import type { LastUseConfig } from "./last-use-rules";
import { disableKeyCommand, getKeyLastUsageCommand } from "./remediation";

// AWS: "Do not use GetKeyLastUsage as the sole indicator when scheduling a key for deletion."
const DELETION_NOTE =
  "Do not delete on this evidence alone: disable the replica first and watch CloudTrail for DisabledException (AWS guidance)";

/**
 * An enabled multi-Region replica with no recorded cryptographic use for at least
 * `dormantAfterDays` of tracking: key material kept in a region for nothing, or a disaster-recovery
 * copy never exercised. Disabled or deleting replicas are reported by `state` already.
 */
export function detectDormantReplicas(
  view: FamilyView,
  rules: LastUseConfig,
  now: Date,
): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { member, record } of view.members) {
    if (member.role !== "replica" || record?.metadata.KeyState !== "Enabled") continue;
    const quiet = findNoRecordedUse(record, now);
    if (!quiet || quiet.daysTracked < rules.dormantAfterDays) continue;
    const since = dayOf(quiet.trackingStartDate);
    out.push({
      property: "usage",
      region: member.region,
      keyId: member.keyId,
      title: quiet.createdBeforeTracking
        ? `replica in ${member.region} has no recorded use since KMS began tracking it on ${since} (it may have been used before)`
        : `replica in ${member.region} has never been used since it was created on ${since}`,
      expected: `a cryptographic use within ${rules.dormantAfterDays} days`,
      actual: `no recorded use since ${since}`,
      detail: {
        rule: "replica-dormant",
        trackingStartDate: quiet.trackingStartDate,
        createdBeforeTracking: quiet.createdBeforeTracking,
        dormantAfterDays: rules.dormantAfterDays,
        ...(quiet.createdBeforeTracking ? { caveat: PRE_TRACKING_CAVEAT } : {}),
        note: DELETION_NOTE,
      },
      remediation: [
        getKeyLastUsageCommand(member.region, member.keyId),
        disableKeyCommand(member.region, member.keyId),
      ],
      what: "dormant",
    });
  }
  return out;
}

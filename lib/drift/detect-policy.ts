import type { PolicyDocument } from "../domain/key-record";
import { comparePolicies } from "../policy/compare";
import type { DraftFinding } from "./draft-finding";
import { drGapsForRegion, placeOf } from "./dr-readiness";
import type { FamilyView } from "./family-view";
import { buildPolicyFinding, type PolicyTextMode } from "./policy-finding";
import { comparablePairs } from "./readable";
import { replaceRegionDeep } from "../domain/region-text";

/** Key policy of every member versus the reference, by what they allow. */
export function detectPolicyDrift(view: FamilyView, policyText: PolicyTextMode): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { reference, actual } of comparablePairs(view, "policy")) {
    if (!reference.policy || !actual.policy) continue;
    const comparison = comparePolicies(
      { policy: reference.policy, place: placeOf(reference) },
      { policy: actual.policy, place: placeOf(actual) },
    );
    const finding = buildPolicyFinding({
      comparison,
      policyText,
      region: actual.region,
      keyId: actual.keyId,
      referenceLabel: reference.region,
      expected: () =>
        replaceRegionDeep(reference.policy as PolicyDocument, reference.region, actual.region),
      actual: actual.policy,
      drReadiness: drGapsForRegion(reference, actual, comparison),
      idPrefix: "",
    });
    if (finding) out.push(finding);
  }
  return out;
}

import type { DraftFinding } from "./draft-finding";
import { comparePolicies } from "./compare-policies";
import { drGapsForRegion, modelOf } from "./dr-readiness";
import type { FamilyView } from "./family-view";
import { analysePolicy } from "./policy-analysis";
import { buildPolicyFinding } from "./policy-finding";
import { comparablePairs } from "./readable";
import { replaceRegionDeep } from "./region-text";

/** Key policy of every member versus the reference, by meaning. */
export function detectPolicyDrift(view: FamilyView): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { reference, actual } of comparablePairs(view, "policy")) {
    if (!reference.policy || !actual.policy) continue;
    const refCtx = { region: reference.region, partition: view.partition };
    const actCtx = { region: actual.region, partition: view.partition };
    const comparison = comparePolicies(reference.policy, refCtx, actual.policy, actCtx);
    if (comparison.status === "equal") continue;
    const referenceModel = analysePolicy(reference.policy, refCtx).model;
    out.push(
      buildPolicyFinding({
        comparison,
        referenceModel,
        region: actual.region,
        keyId: actual.keyId,
        referenceLabel: reference.region,
        expected: replaceRegionDeep(reference.policy, reference.region, actual.region),
        actual: actual.policy,
        drReadiness: drGapsForRegion(
          referenceModel,
          modelOf(actual),
          actual.region,
          actual.metadata.KeyState,
        ),
        idPrefix: "",
      }),
    );
  }
  return out;
}

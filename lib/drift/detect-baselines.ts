import type { PolicyDocument } from "../domain/key-record";
import { comparePolicies } from "../policy/compare";
import type { DraftFinding } from "./draft-finding";
import { placeOf } from "./dr-readiness";
import type { FamilyView } from "./family-view";
import { buildPolicyFinding, type PolicyTextMode } from "./policy-finding";
import { isReadable } from "./readable";
import { mapStrings } from "../domain/region-text";
import type { BaselineRule } from "./rules-schema";
import { matchSelector } from "./selector";

/** A baseline template with `${region}`, `${account}` and `${partition}` filled in. */
export function instantiateBaseline(
  template: BaselineRule["policy"],
  values: { region: string; account: string; partition: string },
): PolicyDocument {
  return mapStrings(template, (s) =>
    s
      .split("${region}")
      .join(values.region)
      .split("${account}")
      .join(values.account)
      .split("${partition}")
      .join(values.partition),
  ) as PolicyDocument;
}

/** Config baselines: every member's policy, the reference's included, against the template for its region. */
export function detectBaselineDrift(
  view: FamilyView,
  rules: BaselineRule[],
  policyText: PolicyTextMode,
): DraftFinding[] {
  const out: DraftFinding[] = [];
  rules.forEach((rule, index) => {
    if (!matchSelector(rule.selector, view)) return;
    for (const { record } of view.members) {
      if (!record || !record.policy || !isReadable(record, "policy")) continue;
      const place = placeOf(record);
      const expected = instantiateBaseline(rule.policy, {
        region: record.region,
        partition: view.partition,
        account: view.family.account,
      });
      const comparison = comparePolicies(
        { policy: expected, place },
        { policy: record.policy, place },
      );
      const finding = buildPolicyFinding({
        comparison,
        policyText,
        region: record.region,
        keyId: record.keyId,
        referenceLabel: "the baseline",
        expected: () => expected,
        actual: record.policy,
        idPrefix: `baseline:${index}:`,
        baseline: { index, selector: rule.selector },
      });
      if (finding) out.push(finding);
    }
  });
  return out;
}

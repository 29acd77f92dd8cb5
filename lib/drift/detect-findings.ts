import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import { applyWaivers } from "./apply-waivers";
import { detectAliasDrift } from "./detect-aliases";
import { detectBaselineDrift } from "./detect-baselines";
import { detectGrantDrift } from "./detect-grants";
import { detectDescriptionDrift, detectTagDrift } from "./detect-labels";
import { detectPolicyDrift } from "./detect-policy";
import { detectNoReference, detectReadability } from "./detect-readability";
import { detectExpectedReplicas, detectReplicaSetDrift, isUpdating } from "./detect-replica-set";
import { detectResidency } from "./detect-residency";
import { detectSharedPropertyDrift } from "./detect-shared";
import { detectStateDrift } from "./detect-state";
import { type DraftFinding, finalizeFinding } from "./draft-finding";
import { buildFamilyView, type FamilyView, indexKeysByArn } from "./family-view";
import type { DriftRules } from "./rules-schema";

export interface DriftInput {
  keys: KeyRecord[];
  families: Family[];
  rules: DriftRules;
  now: Date;
}

function draftsFor(view: FamilyView, rules: DriftRules): DraftFinding[] {
  const updating = isUpdating(view);
  return [
    ...detectReadability(view),
    ...detectNoReference(view, updating),
    ...detectReplicaSetDrift(view),
    ...detectExpectedReplicas(view, rules.expectedReplicas),
    ...detectResidency(view, rules.residency),
    ...detectBaselineDrift(view, rules.baselines, rules.policyText),
    // The comparisons below need a reference and skip themselves without one.
    ...detectPolicyDrift(view, rules.policyText),
    ...detectGrantDrift(view),
    ...detectAliasDrift(view),
    ...detectStateDrift(view),
    ...detectDescriptionDrift(view),
    ...detectTagDrift(view),
    ...detectSharedPropertyDrift(view),
  ];
}

/** Every finding for every family, severities resolved and waivers applied. Pure: `now` is an input. */
export function detectFindings(input: DriftInput): Finding[] {
  const keysByArn = indexKeysByArn(input.keys);
  const findings: Finding[] = [];
  for (const family of input.families) {
    const view = buildFamilyView(family, keysByArn);
    for (const draft of draftsFor(view, input.rules)) {
      findings.push(finalizeFinding(draft, view, input.rules.severity));
    }
  }
  return applyWaivers(findings, input.rules.waivers, input.now);
}

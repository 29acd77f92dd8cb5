import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import { applyWaivers } from "./apply-waivers";
import { detectAliasDrift } from "./detect-aliases";
import { detectBaselineDrift } from "./detect-baselines";
import { detectGrantDrift } from "./detect-grants";
import { detectDescriptionDrift, detectTagDrift } from "./detect-labels";
import { detectPolicyDrift } from "./detect-policy";
import { detectNoReference, detectReadability, detectReferenceNotRead } from "./detect-readability";
import { detectExpectedReplicas, detectReplicaSetDrift, isUpdating } from "./detect-replica-set";
import { detectResidency } from "./detect-residency";
import { detectSharedPropertyDrift } from "./detect-shared";
import { detectStateDrift } from "./detect-state";
import { detectDormantReplicas } from "./detect-usage";
import { type DraftFinding, finalizeFinding } from "./draft-finding";
import { buildFamilyView, type FamilyView, indexKeysByArn } from "./family-view";
import { DEFAULT_LAST_USE, type LastUseConfig } from "./last-use-rules";
import { EVERY_REGION_READ, type RegionCoverage } from "./region-coverage";
import type { DriftRules } from "./rules-schema";

export interface DriftInput {
  keys: KeyRecord[];
  families: Family[];
  rules: DriftRules;
  /** Config `lastUse` (dormant replicas); defaults when absent. */
  lastUse?: LastUseConfig;
  now: Date;
  /** Which regions the scan read; default every region (a region not read is unknown, never missing). */
  coverage?: RegionCoverage;
}

function draftsFor(view: FamilyView, rules: DriftRules, coverage: RegionCoverage): DraftFinding[] {
  const updating = isUpdating(view);
  return [
    ...detectReadability(view),
    ...detectReferenceNotRead(view, coverage),
    ...detectNoReference(view, updating),
    ...detectReplicaSetDrift(view),
    ...detectExpectedReplicas(view, rules.expectedReplicas, coverage),
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
    const drafts = [
      ...draftsFor(view, input.rules, input.coverage ?? EVERY_REGION_READ),
      ...detectDormantReplicas(view, input.lastUse ?? DEFAULT_LAST_USE, input.now),
    ];
    for (const draft of drafts) {
      findings.push(finalizeFinding(draft, view, input.rules.severity));
    }
  }
  return applyWaivers(findings, input.rules.waivers, input.now);
}

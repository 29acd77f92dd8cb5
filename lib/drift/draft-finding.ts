import type { Finding, FindingProperty } from "../domain/finding";
import type { DrawnDetailOf } from "../domain/finding-detail";
import { findingId } from "../domain/finding-id";
import type { FamilyView } from "./family-view";
import type { SeverityRule } from "./rules-schema";
import { resolveSeverity } from "./severity-table";

/** A finding about `P` as a detector states it; its detail names the severity rule that judged it. */
interface DraftFindingOf<P extends FindingProperty> {
  property: P;
  region: string;
  keyId: string;
  title: string;
  expected: unknown;
  actual: unknown;
  detail: DrawnDetailOf<P>;
  remediation: string[];
  /** A stable string of what differs: part of the finding id. */
  what: string;
}

/** A finding as a detector states it; ids, severity and the family fields are filled in one place. */
export type DraftFinding = { [P in FindingProperty]: DraftFindingOf<P> }[FindingProperty];

export function finalizeFinding(
  draft: DraftFinding,
  view: FamilyView,
  overrides: SeverityRule[],
): Finding {
  const { family } = view;
  const { what, ...drawn } = draft;
  return {
    id: findingId(family.id, draft.property, draft.region, what),
    familyId: family.id,
    account: family.account,
    referenceRegion: family.referenceRegion,
    severity: resolveSeverity(draft.detail.rule, draft.property, view, overrides),
    // property, region, keyId, title, expected, actual, detail, remediation: as the detector drew them.
    ...drawn,
    attribution: [],
    waived: false,
  };
}

import type { Finding, FindingProperty } from "../domain/finding";
import { findingId } from "../domain/finding-id";
import type { FamilyView } from "./family-view";
import type { SeverityRule } from "./rules-schema";
import { type RuleName, resolveSeverity } from "./severity-table";

/** A finding as a detector states it; ids, severity and the family fields are filled in one place. */
export interface DraftFinding {
  property: FindingProperty;
  region: string;
  keyId: string;
  rule: RuleName;
  title: string;
  expected: unknown;
  actual: unknown;
  detail: Record<string, unknown>;
  remediation: string[];
  /** A stable string of what differs: part of the finding id. */
  what: string;
}

export function finalizeFinding(
  draft: DraftFinding,
  view: FamilyView,
  overrides: SeverityRule[],
): Finding {
  const { family } = view;
  return {
    id: findingId(family.id, draft.property, draft.region, draft.what),
    familyId: family.id,
    keyId: draft.keyId,
    account: family.account,
    region: draft.region,
    referenceRegion: family.referenceRegion,
    property: draft.property,
    severity: resolveSeverity(draft.rule, draft.property, view, overrides),
    title: draft.title,
    expected: draft.expected,
    actual: draft.actual,
    detail: { rule: draft.rule, ...draft.detail },
    attribution: [],
    remediation: draft.remediation,
    waived: false,
  };
}

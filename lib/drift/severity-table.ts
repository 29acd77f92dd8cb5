import type { FindingProperty, Severity } from "../domain/finding";
import type { FindingRule } from "../domain/finding-detail";
import type { FamilyView } from "./family-view";
import type { SeverityRule } from "./rules-schema";
import { matchSelector } from "./selector";

/** Default severity of every rule the engine applies; config `severity[]` overrides by property (+ `when`). */
export const DEFAULT_SEVERITIES = {
  "deny-removed": "critical",
  "admin-granted": "critical",
  "wider-access": "high",
  "incomparable-access": "high",
  "narrower-access": "medium",
  "policy-undecidable": "medium",
  "policy-text-only": "info",
  "grants-wider": "high",
  "grants-narrower": "medium",
  "service-grants": "low",
  "alias-missing": "medium",
  "alias-extra": "low",
  "replica-unusable": "high",
  "reference-unusable": "medium",
  "state-differs": "medium",
  "state-transient": "info",
  description: "low",
  tags: "low",
  "shared-lag": "info",
  "independent-shared": "medium",
  "replica-set": "medium",
  "replica-set-updating": "info",
  "expected-replicas": "medium",
  residency: "high",
  readability: "medium",
  "replica-dormant": "low",
  "waiver-expired": "info",
} as const satisfies Record<FindingRule, Severity>;

export type RuleName = FindingRule;

/** The severity for a finding: the last matching config override wins, else the default. */
export function resolveSeverity(
  rule: RuleName,
  property: FindingProperty,
  view: FamilyView,
  overrides: SeverityRule[],
): Severity {
  let severity: Severity = DEFAULT_SEVERITIES[rule];
  for (const o of overrides) {
    if (o.property !== property) continue;
    if (o.when !== undefined && o.when !== rule) continue;
    if (!matchSelector(o.selector, view)) continue;
    severity = o.severity;
  }
  return severity;
}

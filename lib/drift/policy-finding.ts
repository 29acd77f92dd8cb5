import type { DrReadinessGap, PolicyDetail } from "../domain/finding-detail";
import type { PolicyDocument } from "../domain/key-record";
import type { Selector } from "../domain/selector";
import type { PolicyComparison } from "../policy/compare";
import { isEmptyStatementDiff } from "../policy/statement-diff";
import type { DraftFinding } from "./draft-finding";
import { describeEntry } from "../policy/words";
import { describeAccessDelta } from "./policy-words";
import { putKeyPolicyCommand } from "./remediation";

/** Actions that let a principal take the key over or destroy it. */
const ADMIN_ACTIONS = new Set(["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"]);

/** A finding stores at most this many delta entries; `deltaTotal` counts them all. */
export const STORED_DELTA_ENTRIES = 200;

/** `policyText: "strict"` reports text that reads differently but allows the same, as `info`. */
export type PolicyTextMode = "meaning" | "strict";

/** Which severity rule a comparison falls under, most severe first; null when it is no finding. */
export function policyRule(
  comparison: PolicyComparison,
  policyText: PolicyTextMode,
): PolicyDetail["rule"] | null {
  const { verdict, delta } = comparison;
  if (verdict === "undecidable") return "policy-undecidable";
  if (verdict === "equal") {
    return policyText === "strict" && !isEmptyStatementDiff(comparison.statementDiff)
      ? "policy-text-only"
      : null;
  }
  const gained = delta.filter((e) => e.change === "gained");
  // A Deny whose removal actually widens access: the reference denied a request explicitly.
  if (gained.some((e) => e.reference.decision === "explicit-deny")) return "deny-removed";
  if (gained.some((e) => ADMIN_ACTIONS.has(e.action))) return "admin-granted";
  if (verdict === "wider") return "wider-access";
  if (verdict === "incomparable") return "incomparable-access";
  return "narrower-access";
}

export interface PolicyFindingInput {
  comparison: PolicyComparison;
  policyText: PolicyTextMode;
  region: string;
  keyId: string;
  /** `us-east-1` or `the baseline`: what the region is compared with, in words. */
  referenceLabel: string;
  /** The policy the region should have (computed only when there is a finding). */
  expected: () => PolicyDocument;
  actual: PolicyDocument;
  drReadiness?: DrReadinessGap[];
  /** Distinguishes baseline findings from reference findings in the id. */
  idPrefix: string;
  /** A baseline comparison: which config baseline, and its selector. */
  baseline?: { index: number; selector: Selector };
}

function titleOf(input: PolicyFindingInput): string {
  const { comparison, region, referenceLabel } = input;
  if (comparison.verdict === "undecidable") {
    const reasons = [...new Set(comparison.undecidable?.reasons ?? [])].join("; ");
    return `cannot decide whether the key policy in ${region} allows the same as ${referenceLabel} (${reasons})`;
  }
  if (comparison.verdict === "equal") {
    return `key policy in ${region} reads differently from ${referenceLabel} but allows the same`;
  }
  return describeAccessDelta(comparison.delta, { actual: region, reference: referenceLabel });
}

/** The policy finding for one comparison, or null when the policies allow the same (and text is not strict). */
export function buildPolicyFinding(input: PolicyFindingInput): DraftFinding | null {
  const { comparison } = input;
  const rule = policyRule(comparison, input.policyText);
  if (!rule) return null;
  const expected = input.expected();
  const detail: PolicyDetail = {
    rule,
    comparedWith: input.referenceLabel,
    verdict: comparison.verdict,
    delta: comparison.delta.slice(0, STORED_DELTA_ENTRIES),
    deltaTotal: comparison.delta.length,
    // The same entries in words, witness included, for the HTML export and people reading JSON.
    accessChanges: comparison.delta
      .slice(0, STORED_DELTA_ENTRIES)
      .map((e) => describeEntry(e, { actual: input.region, reference: input.referenceLabel })),
    statements: comparison.statementDiff,
    ...(comparison.undecidable ? { undecidable: comparison.undecidable.reasons } : {}),
    ...(input.drReadiness ? { drReadiness: input.drReadiness } : {}),
    ...(input.baseline
      ? { baseline: input.baseline.index, selector: input.baseline.selector }
      : {}),
  };
  return {
    property: "policy",
    region: input.region,
    keyId: input.keyId,
    title: titleOf(input),
    expected,
    actual: input.actual,
    detail,
    remediation: [putKeyPolicyCommand(input.region, input.keyId, expected)],
    what: `${input.idPrefix}${JSON.stringify(comparison.statementDiff)}|${comparison.verdict}`,
  };
}

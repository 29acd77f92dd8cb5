import type { PolicyDocument } from "../domain/key-record";
import { type AccessDeltaEntry, isNarrower, isWider } from "./access-delta";
import type { AccessModel } from "./access-model";
import type { PolicyComparison } from "./compare-policies";
import type { DraftFinding } from "./draft-finding";
import type { DrReadinessGap } from "./dr-readiness";
import { KMS_IAM_ACTIONS } from "../policy/kms-actions";
import { describeAccessDelta } from "./policy-words";
import { putKeyPolicyCommand } from "./remediation";
import type { RuleName } from "./severity-table";

/** Which severity rule a policy difference falls under, most severe first. */
export function policyRule(comparison: PolicyComparison, reference: AccessModel): RuleName {
  const { access } = comparison;
  if (access.some((e) => e.denyRemoved.length > 0)) return "deny-removed";
  if (access.some((e) => isAdminGrantToNewPrincipal(e, reference))) return "admin-granted";
  if (access.some(isWider)) return "wider-access";
  if (access.some(isNarrower)) return "narrower-access";
  if (comparison.status === "undecidable") return "policy-undecidable";
  return "policy-text-only";
}

function isAdminGrantToNewPrincipal(entry: AccessDeltaEntry, reference: AccessModel): boolean {
  return !reference.access.has(entry.principal) && entry.gained.length >= KMS_IAM_ACTIONS.length;
}

export interface PolicyFindingInput {
  comparison: PolicyComparison;
  referenceModel: AccessModel;
  region: string;
  keyId: string;
  /** `us-east-1` or `baseline`: what the region is compared with, in words. */
  referenceLabel: string;
  expected: PolicyDocument;
  actual: PolicyDocument;
  drReadiness?: DrReadinessGap[];
  /** Distinguishes baseline findings from reference findings in the id. */
  idPrefix: string;
  extraDetail?: Record<string, unknown>;
}

function titleOf(input: PolicyFindingInput): string {
  const { comparison, region, referenceLabel } = input;
  const delta = describeAccessDelta(comparison.access, region, referenceLabel);
  const undecided = comparison.undecidable.flatMap((u) => u.reasons);
  const cannot =
    undecided.length > 0
      ? `cannot decide whether the key policy in ${region} means the same as ${referenceLabel} (${[...new Set(undecided)].join(", ")})`
      : "";
  if (delta && cannot) return `${delta}; ${cannot}`;
  if (delta) return delta;
  if (cannot) return cannot;
  return `key policy in ${region} differs from ${referenceLabel} without changing KMS access`;
}

export function buildPolicyFinding(input: PolicyFindingInput): DraftFinding {
  const { comparison } = input;
  const detail: Record<string, unknown> = {
    comparedWith: input.referenceLabel,
    status: comparison.status,
    access: comparison.access,
    statements: comparison.statements,
    ...(comparison.undecidable.length > 0
      ? {
          cannotDecide: comparison.undecidable,
          identicalAfterNormalisation: comparison.identicalAfterNormalisation,
        }
      : {}),
    ...(input.drReadiness ? { drReadiness: input.drReadiness } : {}),
    ...input.extraDetail,
  };
  return {
    property: "policy",
    region: input.region,
    keyId: input.keyId,
    rule: policyRule(comparison, input.referenceModel),
    title: titleOf(input),
    expected: input.expected,
    actual: input.actual,
    detail,
    remediation: [putKeyPolicyCommand(input.region, input.keyId, input.expected)],
    what: `${input.idPrefix}${JSON.stringify(comparison.statements)}|${comparison.status}`,
  };
}

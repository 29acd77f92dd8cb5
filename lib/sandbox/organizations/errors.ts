import { SandboxError } from "../types";

/*
 * Organizations' errors (docs/aws-facts.md#organizations). Its modeled errors carry `Message`
 * (capital M, like CloudTrail's); InvalidInputException also carries a `Reason`.
 */

export function accessDenied(): SandboxError {
  return new SandboxError(
    "AccessDeniedException",
    "You don't have permissions to access this resource.",
  );
}

export function notInUse(): SandboxError {
  return new SandboxError(
    "AWSOrganizationsNotInUseException",
    "Your account is not a member of an organization.",
  );
}

export function parentNotFound(): SandboxError {
  return new SandboxError(
    "ParentNotFoundException",
    "We can't find a root or OU with the ParentId that you specified.",
  );
}

export function childNotFound(): SandboxError {
  return new SandboxError(
    "ChildNotFoundException",
    "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
  );
}

export function accountNotFound(): SandboxError {
  return new SandboxError(
    "AccountNotFoundException",
    "You specified an account that doesn't exist.",
  );
}

export function targetNotFound(): SandboxError {
  return new SandboxError(
    "TargetNotFoundException",
    "We can't find a root, OU, account, or policy with the TargetId that you specified.",
  );
}

const REASON_MESSAGES = {
  INPUT_REQUIRED: "You must include a value for all required parameters.",
  INVALID_PATTERN: "You provided a value that doesn't match the required pattern.",
  MAX_VALUE_EXCEEDED: "You provided a numeric parameter that has a larger value than allowed.",
  MIN_VALUE_EXCEEDED: "You provided a numeric parameter that has a smaller value than allowed.",
  MAX_LENGTH_EXCEEDED: "You provided a string parameter that is longer than allowed.",
  INVALID_NEXT_TOKEN:
    "Get the value for the NextToken parameter from the response to a previous call of the operation.",
} as const;

export type InvalidInputReason = keyof typeof REASON_MESSAGES;

export function invalidInput(reason: InvalidInputReason): SandboxError {
  return new SandboxError("InvalidInputException", REASON_MESSAGES[reason], 400, {
    Reason: reason,
  });
}

/**
 * Organizations has one endpoint per partition, in its global Region (us-east-1 for `aws`); a
 * request signed for another Region is refused by SigV4 (inferred: the text IAM and the other
 * global services give).
 */
export function wrongSigningRegion(region: string): SandboxError {
  return new SandboxError(
    "InvalidSignatureException",
    `Credential should be scoped to a valid region, not '${region}'. `,
  );
}

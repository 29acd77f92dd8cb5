import { SandboxError } from "../types";

/**
 * KMS's modeled client errors all answer HTTP 400 in the real service (docs/aws-facts.md#errors).
 */
export function kmsError(type: string, message: string): SandboxError {
  return new SandboxError(type, message, 400);
}

export const notFound = (message: string) => kmsError("NotFoundException", message);
export const invalidState = (message: string) => kmsError("KMSInvalidStateException", message);
export const validationError = (message: string) => kmsError("ValidationException", message);
export const unsupported = (message: string) => kmsError("UnsupportedOperationException", message);

export function keyDoesNotExist(arn: string): SandboxError {
  return notFound(`Key '${arn}' does not exist`);
}

export function dryRunSucceeded(): SandboxError {
  return kmsError(
    "DryRunOperationException",
    "The request would have succeeded, but the DryRun option is set.",
  );
}

import { describeAwsError, isAnswerAboutResource } from "../aws/errors";
import type { ReadError } from "../domain/key-record";
import { UnusableAnswerError } from "./adapters";

/**
 * A read that got no answer about the key (see `isAnswerAboutResource`): the region was not read,
 * so its keys are unknown. Never a readability finding, which would claim AWS said something.
 */
export class ReadInterruptedError extends Error {
  override readonly name = "ReadInterruptedError";
  constructor(
    readonly property: ReadError["property"] | "listing",
    readonly keyId: string | undefined,
    override readonly cause: unknown,
  ) {
    const what = keyId === undefined ? property : `${property} of ${keyId}`;
    super(`reading ${what} failed: ${describeAwsError(cause)}`);
  }
}

/** Whether a failed property read is a fact about the key: AWS's answer about it, or our verdict on that answer. */
export function isVerdictOnKey(err: unknown): boolean {
  return err instanceof UnusableAnswerError || isAnswerAboutResource(err);
}

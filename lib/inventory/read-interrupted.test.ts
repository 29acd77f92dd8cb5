import {
  DependencyTimeoutException,
  KMSInternalException,
  NotFoundException,
} from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { MalformedPolicyError, PolicyOutOfBoundsError, UnusableAnswerError } from "./adapters";
import { isVerdictOnKey, ReadInterruptedError } from "./read-interrupted";

const answered = (status: number) => ({ httpStatusCode: status, attempts: 1 });

/** An error KMS does not model reaches us as the service exception with its name (docs/aws-facts.md#sdk-errors). */
function unmodeled(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $fault: "client", $metadata: answered(status) });
}

/** A Node connection error as the SDK's HTTP handler rejects with it (name Error, code ECONN…). */
function connectionError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
}

describe("isVerdictOnKey", () => {
  it.each([
    ["AccessDenied (400)", unmodeled("AccessDeniedException", 400)],
    ["NotFound (400)", new NotFoundException({ message: "gone", $metadata: answered(400) })],
    ["a malformed policy", new MalformedPolicyError("policy has no Statement")],
    ["a policy out of bounds", new PolicyOutOfBoundsError("PolicyTooDeep", "too deep")],
    ["a missing KeyMetadata", new UnusableAnswerError("DescribeKey returned no KeyMetadata")],
  ])("%s is a fact about the key", (_name, err) => {
    expect(isVerdictOnKey(err)).toBe(true);
  });

  it.each([
    ["connection refused", connectionError("ECONNREFUSED")],
    ["connection reset", connectionError("ECONNRESET")],
    ["a timeout", Object.assign(new Error("socket timed out"), { name: "TimeoutError" })],
    [
      "KMSInternalException (500)",
      new KMSInternalException({ message: "x", $metadata: answered(500) }),
    ],
    [
      "DependencyTimeoutException (503)",
      new DependencyTimeoutException({ message: "x", $metadata: answered(503) }),
    ],
    ["throttling that outlasted the retries", unmodeled("ThrottlingException", 400)],
    ["expired credentials", unmodeled("ExpiredTokenException", 400)],
    ["the deadline", Object.assign(new Error("deadline exceeded"), { name: "AbortError" })],
    [
      "an unreadable 200 answer",
      Object.assign(new SyntaxError("Unexpected end"), { $metadata: answered(200) }),
    ],
  ])("%s says nothing about the key", (_name, err) => {
    expect(isVerdictOnKey(err)).toBe(false);
  });

  it("an interrupted read names the property, the key and the cause", () => {
    const err = new ReadInterruptedError("policy", "mrk-1", connectionError("ECONNREFUSED"));
    expect(err.message).toBe("reading policy of mrk-1 failed: connect ECONNREFUSED 127.0.0.1:1");
  });
});

import type { SdkError } from "@smithy/types";
import { describe, expect, it } from "vitest";
import {
  describeAwsError,
  isConnectionError,
  isNotEnabledError,
  isThrottlingError,
} from "./errors";
import { isOptInRegion, listPartitionRegions, partitionOf, resolveRegions } from "./regions";
import { memoizeCredentials } from "./credentials";
import { KmsDriftRetryStrategy } from "./retry-strategy";
import { TokenBucket } from "./token-bucket";

function awsError(name: string, message = "m", status = 400): SdkError {
  class FakeServiceError extends Error {
    override readonly cause: Error | undefined = undefined;
    readonly $metadata = { httpStatusCode: status };
  }
  const error = new FakeServiceError(message);
  error.name = name;
  return error;
}

describe("regions", () => {
  it("lists a partition's regions, default-enabled first", () => {
    const all = listPartitionRegions("aws");
    expect(all.slice(0, 2)).toEqual(["us-east-1", "us-east-2"]);
    expect(all).toHaveLength(36);
    expect(isOptInRegion("af-south-1")).toBe(true);
    expect(isOptInRegion("eu-west-1")).toBe(false);
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
  });

  it("rejects unknown regions by name and dedupes", () => {
    expect(() => resolveRegions(["us-east-1", "mars-1"], "aws")).toThrow("unknown region mars-1");
    expect(resolveRegions(["eu-west-1", "eu-west-1"], "aws")).toEqual(["eu-west-1"]);
    expect(resolveRegions("all", "aws-cn")).toEqual(["cn-north-1", "cn-northwest-1"]);
  });
});

describe("error classification by name", () => {
  it("recognises throttling, not-enabled and connection failures", () => {
    expect(isThrottlingError(awsError("ThrottlingException"))).toBe(true);
    expect(isThrottlingError(awsError("Unknown", "x", 429))).toBe(true);
    expect(isThrottlingError(awsError("AccessDeniedException"))).toBe(false);
    expect(isNotEnabledError(awsError("UnrecognizedClientException"))).toBe(true);
    expect(
      isConnectionError(
        Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
      ),
    ).toBe(true);
    expect(describeAwsError(awsError("AccessDeniedException", "not authorized"))).toBe(
      "AccessDeniedException: not authorized",
    );
  });
});

describe("KmsDriftRetryStrategy", () => {
  const strategy = new KmsDriftRetryStrategy({ throttlingAttempts: 8, transientAttempts: 3 });

  it("retries throttling up to 8 attempts and transient errors up to 3", async () => {
    let token = await strategy.acquireInitialRetryToken();
    for (let i = 0; i < 7; i++)
      token = await strategy.refreshRetryTokenForRetry(token, {
        errorType: "THROTTLING",
        error: awsError("ThrottlingException"),
      });
    expect(token.getRetryCount()).toBe(7);
    await expect(
      strategy.refreshRetryTokenForRetry(token, {
        errorType: "THROTTLING",
        error: awsError("ThrottlingException"),
      }),
    ).rejects.toThrow();
    let transient = await strategy.acquireInitialRetryToken();
    transient = await strategy.refreshRetryTokenForRetry(transient, { errorType: "TRANSIENT" });
    transient = await strategy.refreshRetryTokenForRetry(transient, { errorType: "TRANSIENT" });
    await expect(
      strategy.refreshRetryTokenForRetry(transient, { errorType: "TRANSIENT" }),
    ).rejects.toThrow();
  });

  it("never retries LimitExceededException (a KMS resource quota) nor client errors", async () => {
    const token = await strategy.acquireInitialRetryToken();
    await expect(
      strategy.refreshRetryTokenForRetry(token, {
        errorType: "THROTTLING",
        error: awsError("LimitExceededException"),
      }),
    ).rejects.toThrow(/LimitExceeded/);
    await expect(
      strategy.refreshRetryTokenForRetry(token, {
        errorType: "CLIENT_ERROR",
        error: awsError("AccessDeniedException"),
      }),
    ).rejects.toThrow();
  });
});

describe("TokenBucket", () => {
  it("lets a burst through, then paces at the rate (fake clock)", async () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    await bucket.take();
    await bucket.take();
    let third = false;
    const pending = bucket.take().then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    now = 100;
    await pending;
    expect(third).toBe(true);
  });

  it("halves its rate on throttling and recovers additively", () => {
    const bucket = new TokenBucket(100);
    bucket.slowDown();
    expect(bucket.currentRate).toBe(50);
    bucket.speedUp();
    expect(bucket.currentRate).toBe(51);
  });
});

describe("memoizeCredentials", () => {
  it("resolves once for every client, and does not retry a failure at once", async () => {
    let calls = 0;
    const shared = memoizeCredentials(() => {
      calls += 1;
      return Promise.resolve({ accessKeyId: "a", secretAccessKey: "b" });
    });
    await Promise.all([shared(), shared(), shared()]);
    expect(calls).toBe(1);
    let denied = 0;
    const failing = memoizeCredentials(() => {
      denied += 1;
      return Promise.reject(
        Object.assign(new Error("not authorized to perform sts:AssumeRole"), {
          name: "AccessDenied",
        }),
      );
    });
    await expect(failing()).rejects.toThrow("sts:AssumeRole");
    await expect(failing()).rejects.toThrow("sts:AssumeRole");
    expect(denied).toBe(1);
  });

  it("shares a failure with the clients that were waiting for it (one AssumeRole per account)", async () => {
    let denied = 0;
    const slowDenial = memoizeCredentials(async () => {
      denied += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw Object.assign(new Error("not authorized to perform sts:AssumeRole"), {
        name: "AccessDenied",
      });
    });
    // Every region of an account asks at once, as the scan's list phase does.
    const answers = await Promise.allSettled(Array.from({ length: 18 }, () => slowDenial()));
    expect(answers.every((a) => a.status === "rejected")).toBe(true);
    expect(denied).toBe(1);
  });
});

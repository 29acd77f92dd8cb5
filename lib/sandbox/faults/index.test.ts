import { describe, expect, it } from "vitest";
import { createFaultInjector, type FaultOptions } from "./index";

const base: FaultOptions = {
  latencyMs: 0,
  quotas: "off",
  quotaScale: 1,
  down: [],
  notEnabled: [],
  denied: [],
};
const kms = (operation: string, region = "us-east-1", account = "111122223333") => ({
  service: "kms" as const,
  operation,
  region,
  account,
});

function fakeClock(start = 1_000_000): { now: () => number; tick: (ms: number) => void } {
  let t = start;
  return { now: () => t, tick: (ms) => (t += ms) };
}

describe("createFaultInjector", () => {
  it("passes everything with no faults configured", () => {
    const faults = createFaultInjector(base);
    expect(faults.decide(kms("ListKeys"))).toEqual({ kind: "pass" });
  });

  it("adds the configured latency to every outcome", () => {
    const faults = createFaultInjector({ ...base, latencyMs: 250, notEnabled: ["ap-east-1"] });
    expect(faults.decide(kms("ListKeys"))).toEqual({ kind: "pass", delayMs: 250 });
    expect(faults.decide(kms("ListKeys", "ap-east-1"))).toMatchObject({
      kind: "error",
      delayMs: 250,
    });
  });

  it("drops connections to regions that are down", () => {
    const faults = createFaultInjector({ ...base, down: ["eu-west-1"] });
    expect(faults.decide(kms("ListKeys", "eu-west-1"))).toEqual({ kind: "drop" });
    expect(faults.decide(kms("ListKeys", "eu-west-2")).kind).toBe("pass");
  });

  it("answers UnrecognizedClientException in regions that are not enabled", () => {
    const faults = createFaultInjector({ ...base, notEnabled: ["me-south-1"] });
    const outcome = faults.decide(kms("DescribeKey", "me-south-1"));
    if (outcome.kind !== "error") throw new Error(`expected an error, got ${outcome.kind}`);
    expect(outcome.error.type).toBe("UnrecognizedClientException");
    expect(outcome.error.message).toBe("The security token included in the request is invalid.");
    expect(outcome.error.status).toBe(400);
  });

  it("throttles ListGrants at 100/s per region with AWS's message, and refills continuously", () => {
    const clock = fakeClock();
    const faults = createFaultInjector({ ...base, quotas: "aws" }, clock.now);
    const outcomes = Array.from({ length: 101 }, () => faults.decide(kms("ListGrants")).kind);
    expect(outcomes.filter((k) => k === "pass")).toHaveLength(100);
    const throttled = faults.decide(kms("ListGrants"));
    if (throttled.kind !== "error") throw new Error("expected throttling");
    expect(throttled.error.type).toBe("ThrottlingException");
    expect(throttled.error.message).toBe(
      "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.",
    );
    clock.tick(10); // 100/s ⇒ one token per 10 ms
    expect(faults.decide(kms("ListGrants")).kind).toBe("pass");
    expect(faults.decide(kms("ListGrants")).kind).toBe("error");
  });

  it("keeps separate buckets per operation, region and account", () => {
    const clock = fakeClock();
    const faults = createFaultInjector({ ...base, quotas: "aws", quotaScale: 0.01 }, clock.now);
    expect(faults.decide(kms("ListGrants")).kind).toBe("pass"); // 1/s, burst 1
    expect(faults.decide(kms("ListGrants")).kind).toBe("error");
    expect(faults.decide(kms("ListGrants", "eu-west-1")).kind).toBe("pass");
    expect(faults.decide(kms("ListGrants", "us-east-1", "444455556666")).kind).toBe("pass");
    expect(faults.decide(kms("ListKeys")).kind).toBe("pass");
  });

  it("makes symmetric crypto operations share one bucket sized by region", () => {
    const clock = fakeClock();
    const faults = createFaultInjector({ ...base, quotas: "aws", quotaScale: 0.0002 }, clock.now);
    // ca-central-1: 10 000/s × 0.0002 = 2/s
    expect(faults.decide(kms("Encrypt", "ca-central-1")).kind).toBe("pass");
    expect(faults.decide(kms("Decrypt", "ca-central-1")).kind).toBe("pass");
    expect(faults.decide(kms("GenerateDataKey", "ca-central-1")).kind).toBe("error");
    // us-east-1: 100 000/s × 0.0002 = 20/s
    const passes = Array.from(
      { length: 25 },
      () => faults.decide(kms("Decrypt", "us-east-1")).kind,
    ).filter((k) => k === "pass");
    expect(passes).toHaveLength(20);
  });

  it("limits CloudTrail LookupEvents to 2/s with the text Rate exceeded", () => {
    const clock = fakeClock();
    const faults = createFaultInjector({ ...base, quotas: "aws" }, clock.now);
    const lookup = {
      service: "cloudtrail" as const,
      operation: "LookupEvents",
      region: "us-east-1",
      account: "111122223333",
    };
    expect(faults.decide(lookup).kind).toBe("pass");
    expect(faults.decide(lookup).kind).toBe("pass");
    const third = faults.decide(lookup);
    if (third.kind !== "error") throw new Error("expected throttling");
    expect(third.error).toMatchObject({
      type: "ThrottlingException",
      message: "Rate exceeded",
      status: 400,
    });
    clock.tick(500);
    expect(faults.decide(lookup).kind).toBe("pass");
  });

  it("still lets one request through when scaling puts a quota below 1/s", () => {
    const clock = fakeClock();
    const faults = createFaultInjector({ ...base, quotas: "aws", quotaScale: 0.1 }, clock.now);
    const lookup = {
      service: "cloudtrail" as const,
      operation: "LookupEvents",
      region: "eu-west-1",
      account: "111122223333",
    };
    expect(faults.decide(lookup).kind).toBe("pass");
    expect(faults.decide(lookup).kind).toBe("error");
    clock.tick(4_000);
    expect(faults.decide(lookup).kind).toBe("error"); // 0.2/s: 0.8 token after 4 s
    clock.tick(1_000);
    expect(faults.decide(lookup).kind).toBe("pass");
  });
});

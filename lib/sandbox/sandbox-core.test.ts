import { describe, expect, it } from "vitest";
import { createSandbox } from "./sandbox";
import { SandboxError, type CallContext } from "./types";

const ctx: CallContext = {
  account: "111122223333",
  region: "us-west-2",
  accessKeyId: "AKIACORE",
  principalArn: "arn:aws:iam::111122223333:user/core",
};
const DAY = 86_400_000;

type Lookup = {
  Events: { EventName: string; EventTime: number; CloudTrailEvent: string }[];
  NextToken?: string;
};

describe("createSandbox", () => {
  it("derives ids from the seed: same seed, same ids; another seed, others", () => {
    const ids = (seed: number) => {
      const sandbox = createSandbox({ seed });
      const single = sandbox.call("kms", "CreateKey", {}, ctx) as {
        KeyMetadata: { KeyId: string };
      };
      const multi = sandbox.call("kms", "CreateKey", { MultiRegion: true }, ctx) as {
        KeyMetadata: { KeyId: string };
      };
      return [single.KeyMetadata.KeyId, multi.KeyMetadata.KeyId];
    };
    const [a, b] = ids(5);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(b).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(ids(5)).toEqual([a, b]);
    expect(ids(6)[0]).not.toBe(a);
  });

  it("keeps history newest first even when events are recorded out of order, within 90 days", () => {
    const now = Date.parse("2026-11-24T00:00:00Z");
    const sandbox = createSandbox({ seed: 1, clock: () => new Date(now) });
    const at = (days: number, name: string) =>
      sandbox.recordEvent({
        ctx: { ...ctx, time: new Date(now - days * DAY) },
        eventName: name,
        readOnly: true,
        requestParameters: {},
        resourceArns: [],
      });
    at(2, "B");
    at(1, "C");
    at(3, "A");
    at(91, "TooOld");
    const out = sandbox.call("cloudtrail", "LookupEvents", {}, ctx) as Lookup;
    expect(out.Events.map((e) => e.EventName)).toEqual(["C", "B", "A"]);
    const early = sandbox.call(
      "cloudtrail",
      "LookupEvents",
      { StartTime: (now - 200 * DAY) / 1000 },
      ctx,
    ) as Lookup;
    expect(early.Events).toHaveLength(3);
    const record = JSON.parse(out.Events[0]?.CloudTrailEvent ?? "{}") as Record<string, unknown>;
    expect(record).toMatchObject({
      eventName: "C",
      eventTime: "2026-11-23T00:00:00Z",
      readOnly: true,
      awsRegion: "us-west-2",
    });
  });

  it("maps access keys to identities and keeps roles", () => {
    const sandbox = createSandbox({
      seed: 1,
      defaultAccount: "123456789012",
      accountMap: { AKIAMAPPED: "444455556666" },
    });
    expect(sandbox.resolveAccessKey("AKIAANY")).toEqual({
      account: "123456789012",
      principalArn: "arn:aws:iam::123456789012:user/AKIAANY",
    });
    expect(sandbox.resolveAccessKey("AKIAMAPPED").account).toBe("444455556666");
    const identity = {
      account: "444455556666",
      principalArn: "arn:aws:sts::444455556666:assumed-role/r/s",
      roleArn: "arn:aws:iam::444455556666:role/r",
    };
    sandbox.registerAccessKey("ASIASESSION", identity);
    expect(sandbox.resolveAccessKey("ASIASESSION")).toEqual(identity);
    const role = {
      arn: "arn:aws:iam::444455556666:role/r",
      account: "444455556666",
      trustedAccounts: ["123456789012"],
    };
    sandbox.defineRole(role);
    expect(sandbox.getRole(role.arn)).toEqual(role);
    expect(sandbox.getRole("arn:aws:iam::1:role/none")).toBeUndefined();
  });

  it("throws SandboxErrors for unknown operations and records failed writes", () => {
    const sandbox = createSandbox({ seed: 1 });
    expect(() => sandbox.call("kms", "Nope", {}, ctx)).toThrow(SandboxError);
    expect(() => sandbox.call("sts", "GetCallerIdentity", {}, ctx)).toThrow(SandboxError);
    expect(() => sandbox.call("kms", "EnableKey", { KeyId: "bad" }, ctx)).toThrow(
      "Invalid keyId 'bad'",
    );
    const out = sandbox.call("cloudtrail", "LookupEvents", {}, ctx) as Lookup;
    expect(out.Events.map((e) => e.EventName)).toEqual(["EnableKey"]);
    expect(JSON.parse(out.Events[0]?.CloudTrailEvent ?? "{}")).toMatchObject({
      errorCode: "NotFoundException",
      errorMessage: "Invalid keyId 'bad'",
      requestParameters: { keyId: "bad" },
    });
  });

  it("lets another account use a key only when the key policy allows it", () => {
    const sandbox = createSandbox({ seed: 1 });
    const key = sandbox.call("kms", "CreateKey", {}, ctx) as { KeyMetadata: { Arn: string } };
    const foreign: CallContext = {
      ...ctx,
      account: "999988887777",
      principalArn: "arn:aws:iam::999988887777:user/x",
    };
    expect(() =>
      sandbox.call("kms", "DescribeKey", { KeyId: key.KeyMetadata.Arn }, foreign),
    ).toThrow(/because no resource-based policy allows the kms:DescribeKey action/);
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::999988887777:root" },
          Action: "kms:Describe*",
          Resource: "*",
        },
      ],
    });
    sandbox.call("kms", "PutKeyPolicy", { KeyId: key.KeyMetadata.Arn, Policy: policy }, ctx);
    expect(
      sandbox.call("kms", "DescribeKey", { KeyId: key.KeyMetadata.Arn }, foreign),
    ).toMatchObject({ KeyMetadata: { Arn: key.KeyMetadata.Arn } });
  });
});

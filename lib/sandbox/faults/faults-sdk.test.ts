import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeKeyCommand, ListAliasesCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "../server";
import { AUDITOR, catchError, createCloudTrail, createKms } from "../worlds/sdk-test-clients";
import { policyOf, rootStatement } from "../testing/clients";

const servers: SandboxServer[] = [];
async function start(
  faults: Parameters<typeof startSandboxServer>[0]["faults"],
): Promise<SandboxServer> {
  const server = await startSandboxServer({ port: 0, world: "empty", seed: 1, faults });
  servers.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe("faults through the SDK", () => {
  let throttled: SandboxServer;
  beforeAll(async () => {
    // ListKeys 500/s × 0.01 = 5/s (burst 5); LookupEvents 2/s × 0.01 = 0.02/s (burst 1).
    throttled = await start({ quotas: "aws", quotaScale: 0.01 });
  });

  it("delays every answer by latencyMs", async () => {
    const slow = await start({ latencyMs: 150 });
    const startedAt = performance.now();
    await createKms(slow.url, "us-east-1").send(new ListKeysCommand({}));
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(150);
  });

  it("throttles one operation in one region at its scaled quota, with KMS's ThrottlingException", async () => {
    const kms = createKms(throttled.url, "us-west-2");
    // 20 at once: the burst of 5 passes (plus what refills meanwhile, 5/s), the rest is throttled.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => kms.send(new ListKeysCommand({}))),
    );
    const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason as Error] : []));
    expect(results.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(5);
    expect(failures.length).toBeGreaterThanOrEqual(8);
    for (const failure of failures) {
      expect(failure.name).toBe("ThrottlingException");
      expect(failure.message).toBe(
        "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.",
      );
    }
    // Other buckets are untouched: another operation, another region.
    await createKms(throttled.url, "us-west-2").send(new ListAliasesCommand({}));
    await createKms(throttled.url, "eu-west-1").send(new ListKeysCommand({}));
  });

  it("lets the SDK's retries recover from throttling below the quota", async () => {
    const kms = createKms(throttled.url, "ca-central-1", AUDITOR, 6);
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, () => kms.send(new ListKeysCommand({}))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(7).fill("fulfilled"));
  });

  it("throttles CloudTrail LookupEvents with Rate exceeded", async () => {
    const trail = createCloudTrail(throttled.url, "us-east-1");
    await trail.send(new LookupEventsCommand({}));
    const error = await catchError(trail.send(new LookupEventsCommand({})));
    expect(error.name).toBe("ThrottlingException");
    expect(error.message).toBe("Rate exceeded");
  });

  it("drops the connection in a region that is down, and answers elsewhere", async () => {
    const down = await start({ down: ["eu-west-1"] });
    const error = await catchError(createKms(down.url, "eu-west-1").send(new ListKeysCommand({})));
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
    expect(error.name).not.toMatch(/Exception$/);
    await createKms(down.url, "eu-west-2").send(new ListKeysCommand({}));
  });

  it("answers UnrecognizedClientException in a region that is not enabled", async () => {
    const off = await start({ notEnabled: ["af-south-1"] });
    const error = await catchError(createKms(off.url, "af-south-1").send(new ListKeysCommand({})));
    expect(error.name).toBe("UnrecognizedClientException");
    expect(error.message).toBe("The security token included in the request is invalid.");
  });

  it("denies an action in one region with AWS's AccessDeniedException, naming the caller", async () => {
    const server = await start({ denied: [{ action: "kms:ListAliases", region: "eu-west-1" }] });
    const error = await catchError(
      createKms(server.url, "eu-west-1").send(new ListAliasesCommand({})),
    );
    expect(error.name).toBe("AccessDeniedException");
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toMatch(
      /^User: arn:aws:iam::\d{12}:\S+ is not authorized to perform: kms:ListAliases on resource: \* because no identity-based policy allows the kms:ListAliases action$/,
    );
    // Other operations there, and the same operation elsewhere, are allowed.
    await createKms(server.url, "eu-west-1").send(new ListKeysCommand({}));
    await createKms(server.url, "us-east-1").send(new ListAliasesCommand({}));
  });

  it("refuses an explicit Deny to the caller it names only", async () => {
    const server = await start({});
    const ctx = {
      account: "111122223333",
      region: "us-east-1",
      accessKeyId: "AKIAADMIN",
      principalArn: "arn:aws:iam::111122223333:user/admin",
    };
    const policy = policyOf(rootStatement(), {
      Effect: "Deny",
      Principal: { AWS: "arn:aws:iam::111122223333:user/AKIADENIED" },
      Action: "kms:DescribeKey",
      Resource: "*",
    });
    const created = server.sandbox.call("kms", "CreateKey", { Policy: policy }, ctx) as {
      KeyMetadata: { KeyId: string };
    };
    const keyId = created.KeyMetadata.KeyId;
    const denied = await catchError(
      createKms(server.url, "us-east-1", { accessKeyId: "AKIADENIED", secretAccessKey: "x" }).send(
        new DescribeKeyCommand({ KeyId: keyId }),
      ),
    );
    expect(denied.name).toBe("AccessDeniedException");
    const allowed = await createKms(server.url, "us-east-1").send(
      new DescribeKeyCommand({ KeyId: keyId }),
    );
    expect(allowed.KeyMetadata?.KeyId).toBe(keyId);
  });
});

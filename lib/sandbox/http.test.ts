import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { CreateKeyCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { SIGNED, catchError, createKms, postRaw, startTestSandbox } from "./testing/clients";

let sb: SandboxServer;
const kmsHeaders = (target = "TrentService.ListKeys", region = "us-west-2") => ({
  "content-type": "application/x-amz-json-1.1",
  "x-amz-target": target,
  authorization: SIGNED(region),
});

beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

describe("wire protocol", () => {
  it("answers AWS JSON 1.1 with a request id, a real Date header and epoch-second timestamps", async () => {
    await postRaw(sb.url, kmsHeaders("TrentService.CreateKey"), "{}");
    const res = await postRaw(
      sb.url,
      kmsHeaders("TrentService.ListAliases"),
      JSON.stringify({ Limit: 1 }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Date.parse(res.headers.get("date") ?? "") - Date.now())).toBeLessThan(60_000);
    const created = await postRaw(sb.url, kmsHeaders("TrentService.CreateKey"), "{}");
    const body = JSON.parse(created.body) as {
      KeyMetadata: { CreationDate: unknown; DeletionDate?: unknown };
    };
    expect(typeof body.KeyMetadata.CreationDate).toBe("number");
    expect("DeletionDate" in body.KeyMetadata).toBe(false);
  });

  it("routes both CloudTrail target spellings", async () => {
    for (const target of [
      "CloudTrail_20131101.LookupEvents",
      "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
    ]) {
      const res = await postRaw(
        sb.url,
        { ...kmsHeaders(target), authorization: SIGNED("us-west-2", "cloudtrail") },
        "{}",
      );
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toHaveProperty("Events");
    }
  });

  it("gives AWS's errors for bad requests and keeps serving", async () => {
    const malformed = await postRaw(sb.url, kmsHeaders(), "{oops");
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).__type).toBe("SerializationException");
    expect(malformed.headers.get("x-amzn-errortype")).toBe("SerializationException");
    const unknown = await postRaw(sb.url, kmsHeaders("TrentService.FlyToTheMoon"), "{}");
    expect(JSON.parse(unknown.body).__type).toBe("UnknownOperationException");
    const unknownService = await postRaw(sb.url, kmsHeaders("NoSuchService.ListKeys"), "{}");
    expect(JSON.parse(unknownService.body).__type).toBe("UnknownOperationException");
    const { authorization: _drop, ...unsigned } = kmsHeaders();
    const missing = await postRaw(sb.url, unsigned, "{}");
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toEqual({
      __type: "MissingAuthenticationTokenException",
      message: "Missing Authentication Token",
    });
    const garbled = await postRaw(
      sb.url,
      { ...kmsHeaders(), authorization: "AWS4-HMAC-SHA256 garbage" },
      "{}",
    );
    expect(JSON.parse(garbled.body).__type).toBe("IncompleteSignatureException");
    const noSignature = await postRaw(
      sb.url,
      {
        ...kmsHeaders(),
        authorization: "AWS4-HMAC-SHA256 Credential=AKIA/20261124/us-west-2/kms/aws4_request",
      },
      "{}",
    );
    expect(JSON.parse(noSignature.body).message).toContain(
      "Authorization header requires 'Signature' parameter.",
    );
    const wrongType = await postRaw(sb.url, kmsHeaders(), JSON.stringify({ Limit: "ten" }));
    expect(JSON.parse(wrongType.body).__type).toBe("SerializationException");
    const array = await postRaw(sb.url, kmsHeaders(), "[]");
    expect(JSON.parse(array.body).__type).toBe("SerializationException");
    const huge = await postRaw(
      sb.url,
      kmsHeaders("TrentService.PutKeyPolicy"),
      JSON.stringify({ Policy: "x".repeat(2 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).__type).toBe("RequestEntityTooLargeException");
    const ok = await createKms(sb.url, "us-west-2").send(new ListKeysCommand({}));
    expect(ok.Keys?.length).toBeGreaterThan(0);
  });

  it("uses the capital-M Message for CloudTrail errors", async () => {
    const res = await postRaw(
      sb.url,
      {
        ...kmsHeaders("CloudTrail_20131101.LookupEvents"),
        authorization: SIGNED("us-west-2", "cloudtrail"),
      },
      JSON.stringify({ MaxResults: 99 }),
    );
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body.__type).toBe("InvalidMaxResultsException");
    expect(typeof body.Message).toBe("string");
    expect(body.message).toBeUndefined();
  });
});

describe("introspection and identity", () => {
  it("serves health, the manifest and the call log (errors included)", async () => {
    expect(await (await fetch(`${sb.url}/_sandbox/health`)).json()).toEqual({ ok: true });
    const world = (await (await fetch(`${sb.url}/_sandbox/world`)).json()) as { world: string };
    expect(world.world).toBe("empty");
    const calls = (await (await fetch(`${sb.url}/_sandbox/calls`)).json()) as {
      operation: string;
      status: number;
      errorType?: string;
      region: string;
      caller: string;
    }[];
    expect(
      calls.some(
        (c) =>
          c.operation === "ListKeys" &&
          c.status === 200 &&
          c.region === "us-west-2" &&
          c.caller === "arn:aws:iam::111122223333:user/AKIATESTUSER",
      ),
    ).toBe(true);
    expect(calls.some((c) => c.errorType === "SerializationException" && c.status === 400)).toBe(
      true,
    );
    expect(calls.some((c) => c.errorType === "MissingAuthenticationTokenException")).toBe(true);
  });

  it("maps access keys to accounts and routes STS Query requests", async () => {
    const mapped = await startTestSandbox({
      accountMap: { AKIAOTHERACCOUNT: "444455556666" },
      defaultAccount: "123456789012",
    });
    try {
      const other = await createKms(mapped.url, "us-east-1", "AKIAOTHERACCOUNT").send(
        new CreateKeyCommand({}),
      );
      expect(other.KeyMetadata?.AWSAccountId).toBe("444455556666");
      const mine = await createKms(mapped.url, "us-east-1", "AKIADEFAULT").send(
        new CreateKeyCommand({}),
      );
      expect(mine.KeyMetadata?.AWSAccountId).toBe("123456789012");
      const sts = new STSClient({
        endpoint: mapped.url,
        region: "us-east-1",
        credentials: { accessKeyId: "AKIAOTHERACCOUNT", secretAccessKey: "x" },
        maxAttempts: 1,
      });
      const who = await sts.send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe("444455556666");
      expect(who.Arn).toBe("arn:aws:iam::444455556666:user/AKIAOTHERACCOUNT");
    } finally {
      await mapped.close();
    }
  });
});

describe("faults and determinism", () => {
  it("answers not-enabled Regions with UnrecognizedClientException and drops down Regions", async () => {
    const faulty = await startTestSandbox({
      faults: { down: ["eu-west-1"], notEnabled: ["ap-east-1"] },
    });
    try {
      const notEnabled = await catchError(
        createKms(faulty.url, "ap-east-1").send(new ListKeysCommand({})),
      );
      expect(notEnabled.name).toBe("UnrecognizedClientException");
      const dropped = await catchError(
        createKms(faulty.url, "eu-west-1").send(new ListKeysCommand({})),
      );
      expect(dropped.$metadata?.httpStatusCode).toBeUndefined();
      expect(
        (await createKms(faulty.url, "us-east-1").send(new ListKeysCommand({}))).Keys,
      ).toBeDefined();
      const calls = faulty.sandbox.calls;
      expect(calls.some((c) => c.region === "eu-west-1" && c.status === 0)).toBe(true);
      expect(
        calls.some(
          (c) => c.region === "ap-east-1" && c.errorType === "UnrecognizedClientException",
        ),
      ).toBe(true);
    } finally {
      await faulty.close();
    }
  });

  it("gives byte-identical state for the same seed and calls", async () => {
    const run = async () => {
      const server = await startTestSandbox({ seed: 42, anchor: new Date("2026-11-20T00:00:00Z") });
      try {
        const ctx = {
          account: "111122223333",
          region: "us-west-2",
          accessKeyId: "AKIADET",
          principalArn: "arn:aws:iam::111122223333:user/det",
          time: new Date("2026-11-19T00:00:00Z"),
        };
        const key = server.sandbox.call("kms", "CreateKey", { MultiRegion: true }, ctx) as {
          KeyMetadata: { KeyId: string };
        };
        server.sandbox.call(
          "kms",
          "ReplicateKey",
          { KeyId: key.KeyMetadata.KeyId, ReplicaRegion: "eu-west-1" },
          ctx,
        );
        server.sandbox.call(
          "kms",
          "CreateGrant",
          {
            KeyId: key.KeyMetadata.KeyId,
            GranteePrincipal: "arn:aws:iam::111122223333:role/x",
            Operations: ["Decrypt"],
          },
          ctx,
        );
        const enc = server.sandbox.call(
          "kms",
          "Encrypt",
          { KeyId: key.KeyMetadata.KeyId, Plaintext: Buffer.from("x").toString("base64") },
          ctx,
        );
        const events = server.sandbox.call(
          "cloudtrail",
          "LookupEvents",
          {},
          { ...ctx, time: new Date("2026-11-19T01:00:00Z") },
        );
        const grants = server.sandbox.call(
          "kms",
          "ListGrants",
          { KeyId: key.KeyMetadata.KeyId },
          ctx,
        );
        return JSON.stringify([key, enc, events, grants]);
      } finally {
        await server.close();
      }
    };
    const [a, b] = [await run(), await run()];
    expect(a).toBe(b);
    expect(a).toContain("mrk-");
  });
});

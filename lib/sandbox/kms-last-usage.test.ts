import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  GetKeyLastUsageCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "./sandbox";
import type { SandboxServer } from "./server";
import {
  catchError,
  createCloudTrail,
  createKms,
  policyDenying,
  startTestSandbox,
} from "./testing/clients";
import type { CallContext } from "./types";

let sb: SandboxServer;
let east: KMSClient;
let west: KMSClient;

beforeAll(async () => {
  sb = await startTestSandbox();
  east = createKms(sb.url, "us-east-1");
  west = createKms(sb.url, "eu-west-1");
});
afterAll(() => sb.close());

async function createReplicatedKey(): Promise<string> {
  const keyId = (await east.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata?.KeyId;
  if (!keyId) throw new Error("CreateKey returned no key id");
  await east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: "eu-west-1" }));
  return keyId;
}

describe("GetKeyLastUsage", () => {
  it("answers an empty KeyLastUsage for a new key, with TrackingStartDate = KeyCreationDate", async () => {
    const keyId = await createReplicatedKey();
    const out = await east.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    expect(out.KeyId).toBe(keyId);
    expect(out.KeyLastUsage).toEqual({});
    expect(out.KeyCreationDate).toBeInstanceOf(Date);
    expect(out.TrackingStartDate?.getTime()).toBe(out.KeyCreationDate?.getTime());
  });

  it("records an Encrypt in its own Region only, with the CloudTrail event id and the request id", async () => {
    const keyId = await createReplicatedKey();
    const encrypted = await east.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode("x") }),
    );
    const primary = await east.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    const replica = await west.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    expect(replica.KeyLastUsage).toEqual({});
    expect(primary.KeyLastUsage?.Operation).toBe("Encrypt");
    expect(primary.KeyLastUsage?.KmsRequestId).toBe(encrypted.$metadata.requestId);
    const events = await createCloudTrail(sb.url, "us-east-1").send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "Encrypt" }],
      }),
    );
    const event = events.Events?.find((e) => e.EventId === primary.KeyLastUsage?.CloudTrailEventId);
    expect(event?.Resources?.[0]?.ResourceName).toBe(
      `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
    );
    expect(primary.KeyLastUsage?.Timestamp?.getTime()).toBe(event?.EventTime?.getTime());

    await west.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
    const afterDecrypt = await west.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    expect(afterDecrypt.KeyLastUsage?.Operation).toBe("Decrypt");
    const primaryAgain = await east.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    expect(primaryAgain.KeyLastUsage?.Operation).toBe("Encrypt");
  });

  it("ignores failed and dry-run operations", async () => {
    const keyId = await createReplicatedKey();
    const plaintext = new TextEncoder().encode("x");
    const dryRun = await catchError(
      east.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, DryRun: true })),
    );
    expect(dryRun.name).toBe("DryRunOperationException");
    await east.send(new DisableKeyCommand({ KeyId: keyId }));
    const disabled = await catchError(
      east.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext })),
    );
    expect(disabled.name).toBe("DisabledException");
    // Reading last usage has no key-state rule: it answers for a disabled key too.
    const out = await east.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    expect(out.KeyLastUsage).toEqual({});
  });

  it("refuses alias names and alias ARNs, unknown keys and keys of other Regions (NotFoundException)", async () => {
    const keyId = await createReplicatedKey();
    await east.send(new CreateAliasCommand({ AliasName: "alias/last-use", TargetKeyId: keyId }));
    const tries = [
      "alias/last-use",
      "arn:aws:kms:us-east-1:111122223333:alias/last-use",
      "mrk-00000000000000000000000000000000",
      `arn:aws:kms:ap-south-1:111122223333:key/${keyId}`,
    ];
    for (const id of tries) {
      const error = await catchError(east.send(new GetKeyLastUsageCommand({ KeyId: id })));
      expect(error.name, id).toBe("NotFoundException");
    }
  });

  it("answers AccessDeniedException when the key policy denies kms:GetKeyLastUsage", async () => {
    const keyId = await createReplicatedKey();
    await west.send(
      new PutKeyPolicyCommand({ KeyId: keyId, Policy: policyDenying("kms:GetKeyLastUsage") }),
    );
    const denied = await catchError(west.send(new GetKeyLastUsageCommand({ KeyId: keyId })));
    expect(denied.name).toBe("AccessDeniedException");
    const allowed = await east.send(new GetKeyLastUsageCommand({ KeyId: keyId }));
    expect(allowed.KeyId).toBe(keyId);
  });
});

describe("usage tracking start", () => {
  const t0 = new Date("2026-01-10T00:00:00Z");
  const t1 = new Date("2026-02-01T00:00:00Z");
  const ctx = (time: Date): CallContext => ({
    account: "111122223333",
    region: "us-east-1",
    accessKeyId: "AKIATEST",
    principalArn: "arn:aws:iam::111122223333:user/test",
    time,
  });

  it("reports a key made before tracking began with TrackingStartDate after its creation, and only later uses", () => {
    const sandbox = createSandbox({ seed: 3, clock: () => new Date("2026-03-01T00:00:00Z") });
    sandbox.startUsageTracking(t1);
    const created = sandbox.call("kms", "CreateKey", {}, ctx(t0)) as {
      KeyMetadata: { KeyId: string };
    };
    const keyId = created.KeyMetadata.KeyId;
    const plaintext = Buffer.from("x").toString("base64");
    sandbox.call(
      "kms",
      "Encrypt",
      { KeyId: keyId, Plaintext: plaintext },
      ctx(new Date(+t0 + 1e3)),
    );
    const before = sandbox.call("kms", "GetKeyLastUsage", { KeyId: keyId }, ctx(t1)) as Record<
      string,
      unknown
    >;
    expect(before).toEqual({
      KeyId: keyId,
      KeyLastUsage: {},
      TrackingStartDate: t1.getTime() / 1000,
      KeyCreationDate: expect.any(Number),
    });
    expect(before.KeyCreationDate).toBeLessThan(t1.getTime() / 1000);

    const later = new Date(+t1 + 86_400_000);
    sandbox.call("kms", "Encrypt", { KeyId: keyId, Plaintext: plaintext }, ctx(later));
    const after = sandbox.call("kms", "GetKeyLastUsage", { KeyId: keyId }, ctx(later)) as {
      KeyLastUsage: { Operation: string; Timestamp: number };
    };
    expect(after.KeyLastUsage).toMatchObject({
      Operation: "Encrypt",
      Timestamp: later.getTime() / 1000,
    });
  });

  it("counts a recorded cryptographic CloudTrail event (world history) as a use, not a failed one", () => {
    const sandbox = createSandbox({ seed: 4, clock: () => new Date("2026-03-01T00:00:00Z") });
    const keyId = (
      sandbox.call("kms", "CreateKey", {}, ctx(t0)) as { KeyMetadata: { KeyId: string } }
    ).KeyMetadata.KeyId;
    const arn = `arn:aws:kms:us-east-1:111122223333:key/${keyId}`;
    const record = (time: Date, errorCode?: string) =>
      sandbox.recordEvent({
        ctx: ctx(time),
        eventName: "GenerateDataKey",
        readOnly: true,
        requestParameters: { keyId: arn },
        resourceArns: [arn],
        ...(errorCode ? { errorCode } : {}),
      });
    record(t1);
    record(new Date(+t1 + 5_000), "AccessDenied");
    const out = sandbox.call("kms", "GetKeyLastUsage", { KeyId: arn }, ctx(t1)) as {
      KeyLastUsage: { Operation: string; Timestamp: number; CloudTrailEventId: string };
    };
    expect(out.KeyLastUsage).toMatchObject({
      Operation: "GenerateDataKey",
      Timestamp: t1.getTime() / 1000,
      CloudTrailEventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });
});

import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSInvalidStateException,
  ListKeyRotationsCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UpdateKeyDescriptionCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { catchError, createKms, startTestSandbox } from "./testing/clients";
import type { CallContext } from "./types";

let sb: SandboxServer;
let kms: KMSClient;
const REGION = "us-east-2";
const newKey = async (input = {}) =>
  (await kms.send(new CreateKeyCommand(input))).KeyMetadata?.KeyId ?? "";
const arnOf = (id: string, region = REGION) => `arn:aws:kms:${region}:111122223333:key/${id}`;
const plaintext = new TextEncoder().encode("secret");

beforeAll(async () => {
  sb = await startTestSandbox();
  kms = createKms(sb.url, REGION);
});
afterAll(() => sb.close());

describe("key-state matrix", () => {
  it("Disabled: crypto and grants fail with DisabledException, management works", async () => {
    const id = await newKey();
    await kms.send(new DisableKeyCommand({ KeyId: id }));
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
    expect(meta).toMatchObject({ KeyState: "Disabled", Enabled: false });
    const err = await catchError(kms.send(new EncryptCommand({ KeyId: id, Plaintext: plaintext })));
    expect(err.name).toBe("DisabledException");
    expect(err.message).toBe(`${arnOf(id)} is disabled.`);
    expect((await catchError(kms.send(new EnableKeyRotationCommand({ KeyId: id })))).name).toBe(
      "DisabledException",
    );
    await kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: "a", TagValue: "b" }] }));
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: id, Description: "still manageable" }));
    await kms.send(new EnableKeyCommand({ KeyId: id }));
    expect((await kms.send(new EncryptCommand({ KeyId: id, Plaintext: plaintext }))).KeyId).toBe(
      arnOf(id),
    );
  });

  it("PendingDeletion: management fails with KMSInvalidState, policy ops still work, cancel leaves it Disabled", async () => {
    const id = await newKey();
    const scheduled = await kms.send(
      new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 }),
    );
    expect(scheduled).toMatchObject({
      KeyId: arnOf(id),
      KeyState: "PendingDeletion",
      PendingWindowInDays: 7,
    });
    expect(scheduled.DeletionDate).toBeInstanceOf(Date);
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
    expect(meta?.DeletionDate).toBeInstanceOf(Date);
    for (const call of [
      kms.send(new EnableKeyCommand({ KeyId: id })),
      kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: "a", TagValue: "b" }] })),
      kms.send(new CreateAliasCommand({ AliasName: "alias/pending", TargetKeyId: id })),
      kms.send(new EncryptCommand({ KeyId: id, Plaintext: plaintext })),
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: id })),
    ]) {
      const err = await catchError(call);
      expect(err).toBeInstanceOf(KMSInvalidStateException);
      expect(err.message).toBe(`${arnOf(id)} is pending deletion.`);
    }
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy).toBeTruthy();
    expect(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }))).KeyRotationEnabled,
    ).toBe(false);
    expect(await kms.send(new CancelKeyDeletionCommand({ KeyId: id }))).toMatchObject({
      KeyId: arnOf(id),
    });
    expect((await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata).toMatchObject({
      KeyState: "Disabled",
    });
    const notPending = await catchError(kms.send(new CancelKeyDeletionCommand({ KeyId: id })));
    expect(notPending.message).toBe(`${arnOf(id)} is not pending deletion.`);
    const window = await catchError(
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 3 })),
    );
    expect(window.name).toBe("ValidationException");
  });

  it("PendingImport: crypto and enable fail; rotation is unsupported for EXTERNAL origin", async () => {
    const id = await newKey({ Origin: "EXTERNAL" });
    const enable = await catchError(kms.send(new EnableKeyCommand({ KeyId: id })));
    expect(enable.message).toBe(`${arnOf(id)} is pending import.`);
    const rotation = await catchError(kms.send(new GetKeyRotationStatusCommand({ KeyId: id })));
    expect(rotation.name).toBe("UnsupportedOperationException");
    expect(rotation.message).toBe(
      `${arnOf(id)} origin is EXTERNAL which is not valid for this operation.`,
    );
    expect(
      (await catchError(kms.send(new EncryptCommand({ KeyId: id, Plaintext: plaintext })))).name,
    ).toBe("KMSInvalidStateException");
    await kms.send(
      new PutKeyPolicyCommand({
        KeyId: id,
        Policy: JSON.stringify({
          Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }],
        }),
      }),
    );
  });

  it("MRK primary with replicas waits in PendingReplicaDeletion, then deletes after its replicas", async () => {
    const id = await newKey({ MultiRegion: true });
    await kms.send(new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "eu-west-3" }));
    const out = await kms.send(
      new ScheduleKeyDeletionCommand({ KeyId: id, PendingWindowInDays: 7 }),
    );
    expect(out).toMatchObject({ KeyState: "PendingReplicaDeletion", PendingWindowInDays: 7 });
    expect(out.DeletionDate).toBeUndefined();
    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
    expect(meta).toMatchObject({
      KeyState: "PendingReplicaDeletion",
      PendingDeletionWindowInDays: 7,
    });
    expect(meta?.DeletionDate).toBeUndefined();
    expect((await catchError(kms.send(new EnableKeyCommand({ KeyId: id })))).message).toBe(
      `${arnOf(id)} is pending replica deletion.`,
    );

    // Let time pass through the API (world builders pass simulated times the same way).
    const replicaCtx: CallContext = {
      account: "111122223333",
      region: "eu-west-3",
      accessKeyId: "AKIATESTUSER",
      principalArn: "arn:aws:iam::111122223333:user/AKIATESTUSER",
    };
    sb.sandbox.call(
      "kms",
      "ScheduleKeyDeletion",
      { KeyId: id, PendingWindowInDays: 7 },
      replicaCtx,
    );
    const later = new Date(Date.now() + 8 * 86_400_000);
    const describeLater = (region: string) =>
      sb.sandbox.call("kms", "DescribeKey", { KeyId: id }, { ...replicaCtx, region, time: later });
    expect(() => describeLater("eu-west-3")).toThrow(/does not exist/);
    const primary = describeLater(REGION) as {
      KeyMetadata: { KeyState: string; MultiRegionConfiguration: { ReplicaKeys: unknown[] } };
    };
    expect(primary.KeyMetadata.KeyState).toBe("PendingDeletion");
    expect(primary.KeyMetadata.MultiRegionConfiguration.ReplicaKeys).toEqual([]);
    const muchLater = new Date(Date.now() + 16 * 86_400_000);
    expect(() =>
      sb.sandbox.call(
        "kms",
        "DescribeKey",
        { KeyId: id },
        { ...replicaCtx, region: REGION, time: muchLater },
      ),
    ).toThrow(/does not exist/);
    const deletions = sb.sandbox.call(
      "cloudtrail",
      "LookupEvents",
      { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "DeleteKey" }] },
      { ...replicaCtx, time: muchLater },
    ) as { Events: { CloudTrailEvent: string }[] };
    expect(deletions.Events).toHaveLength(1);
    expect(JSON.parse(deletions.Events[0]?.CloudTrailEvent ?? "{}").userIdentity).toEqual({
      accountId: "111122223333",
      invokedBy: "AWS Internal",
    });
  });
});

describe("rotation", () => {
  it("reports exact fields, shares the setting across an MRK family and manages it on the primary only", async () => {
    const id = await newKey({ MultiRegion: true });
    await kms.send(new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "ap-south-1" }));
    const replica = createKms(sb.url, "ap-south-1");
    const off = await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }));
    expect(off.KeyRotationEnabled).toBe(false);
    expect(off.RotationPeriodInDays).toBeUndefined();
    expect(off.NextRotationDate).toBeUndefined();
    await kms.send(new EnableKeyRotationCommand({ KeyId: id, RotationPeriodInDays: 90 }));
    const on = await replica.send(new GetKeyRotationStatusCommand({ KeyId: id }));
    expect(on).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 90,
      KeyId: arnOf(id, "ap-south-1"),
    });
    expect(on.NextRotationDate).toBeInstanceOf(Date);
    const fromReplica = await catchError(
      replica.send(new DisableKeyRotationCommand({ KeyId: id })),
    );
    expect(fromReplica.name).toBe("UnsupportedOperationException");
    expect((await kms.send(new ListKeyRotationsCommand({ KeyId: id }))).Rotations).toEqual([]);
    const ctx: CallContext = {
      account: "111122223333",
      region: "ap-south-1",
      accessKeyId: "AKIATESTUSER",
      principalArn: "arn:aws:iam::111122223333:user/AKIATESTUSER",
      time: new Date(Date.now() + 200 * 86_400_000),
    };
    const rotations = sb.sandbox.call("kms", "ListKeyRotations", { KeyId: id }, ctx) as {
      Rotations: { RotationType: string }[];
    };
    expect(rotations.Rotations.map((r) => r.RotationType)).toEqual(["AUTOMATIC", "AUTOMATIC"]);
    const hmac = await newKey({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" });
    expect((await catchError(kms.send(new EnableKeyRotationCommand({ KeyId: hmac })))).name).toBe(
      "UnsupportedOperationException",
    );
  });
});

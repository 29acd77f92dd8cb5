import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
  UpdatePrimaryRegionCommand,
} from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import {
  catchError,
  createCloudTrail,
  createKms,
  policyOf,
  startTestSandbox,
} from "./testing/clients";
import { lookupByName as byName, lookupRecords as lookup } from "./testing/trail";

let sb: SandboxServer;
const trail = (region: string) => createCloudTrail(sb.url, region);

beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
const kms = (region: string) => createKms(sb.url, region);

describe("CloudTrail placement", () => {
  it("records ReplicateKey in the primary Region and CreateKey in the replica Region", async () => {
    const id =
      (await kms("us-east-1").send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata
        ?.KeyId ?? "";
    await kms("us-east-1").send(
      new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "eu-west-2", Description: "replica" }),
    );
    const replicate = await byName(trail("us-east-1"), "ReplicateKey");
    expect(replicate).toHaveLength(1);
    expect(replicate[0]?.Resources).toEqual([
      {
        ResourceType: "AWS::KMS::Key",
        ResourceName: `arn:aws:kms:us-east-1:111122223333:key/${id}`,
      },
    ]);
    expect(replicate[0]?.record.requestParameters).toMatchObject({
      keyId: id,
      replicaRegion: "eu-west-2",
      description: "replica",
    });
    expect(await byName(trail("eu-west-2"), "ReplicateKey")).toEqual([]);
    const created = await byName(trail("eu-west-2"), "CreateKey");
    expect(created).toHaveLength(1);
    expect(created[0]?.record).toMatchObject({
      awsRegion: "eu-west-2",
      eventSource: "kms.amazonaws.com",
      readOnly: false,
    });
    expect(created[0]?.Resources?.[0]?.ResourceName).toBe(
      `arn:aws:kms:eu-west-2:111122223333:key/${id}`,
    );
  });

  it("records UpdatePrimaryRegion once in each Region", async () => {
    const id =
      (await kms("us-east-2").send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata
        ?.KeyId ?? "";
    await kms("us-east-2").send(
      new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "ca-central-1" }),
    );
    await kms("us-east-2").send(
      new UpdatePrimaryRegionCommand({ KeyId: id, PrimaryRegion: "ca-central-1" }),
    );
    const oldSide = await byName(trail("us-east-2"), "UpdatePrimaryRegion");
    const newSide = await byName(trail("ca-central-1"), "UpdatePrimaryRegion");
    expect(oldSide).toHaveLength(1);
    expect(newSide).toHaveLength(1);
    expect(oldSide[0]?.record.requestParameters).toEqual({
      keyId: id,
      primaryRegion: "ca-central-1",
    });
    expect(newSide[0]?.record.userIdentity.invokedBy).toBe("kms.amazonaws.com");
    expect(newSide[0]?.record.resources).toBeUndefined();
  });

  it("writes the AWS record fields, the full policy, failures and read events; not Describe/List/Get", async () => {
    const client = kms("eu-south-1");
    const id =
      (await client.send(new CreateKeyCommand({ Description: "audited" }))).KeyMetadata?.KeyId ??
      "";
    const policy = policyOf();
    await client.send(new PutKeyPolicyCommand({ KeyId: id, Policy: policy }));
    await client.send(new DescribeKeyCommand({ KeyId: id }));
    await client.send(new DisableKeyCommand({ KeyId: id }));
    await catchError(
      client.send(new EncryptCommand({ KeyId: id, Plaintext: new Uint8Array([1]) })),
    );
    await catchError(
      client.send(new CreateAliasCommand({ AliasName: "alias/aws/nope", TargetKeyId: id })),
    );

    const events = await lookup(trail("eu-south-1"), {});
    expect(events.map((e) => e.EventName)).toEqual([
      "CreateAlias",
      "Encrypt",
      "DisableKey",
      "PutKeyPolicy",
      "CreateKey",
    ]);
    const put = events.find((e) => e.EventName === "PutKeyPolicy");
    expect(put?.ReadOnly).toBe("false");
    expect(put?.Username).toBe("AKIATESTUSER");
    expect(put?.AccessKeyId).toBe("AKIATESTUSER");
    expect(put?.EventTime).toBeInstanceOf(Date);
    expect(put?.record).toMatchObject({
      eventVersion: "1.11",
      userIdentity: {
        type: "IAMUser",
        arn: "arn:aws:iam::111122223333:user/AKIATESTUSER",
        accountId: "111122223333",
        accessKeyId: "AKIATESTUSER",
        userName: "AKIATESTUSER",
      },
      eventSource: "kms.amazonaws.com",
      eventName: "PutKeyPolicy",
      awsRegion: "eu-south-1",
      requestParameters: {
        keyId: id,
        policyName: "default",
        policy,
        bypassPolicyLockoutSafetyCheck: false,
      },
      responseElements: null,
      readOnly: false,
      resources: [
        {
          accountId: "111122223333",
          type: "AWS::KMS::Key",
          ARN: `arn:aws:kms:eu-south-1:111122223333:key/${id}`,
        },
      ],
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: "111122223333",
      eventCategory: "Management",
    });
    expect(put?.record.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(put?.record.eventID).toBe(put?.EventId);
    const encrypt = events.find((e) => e.EventName === "Encrypt");
    expect(encrypt?.ReadOnly).toBe("true");
    expect(encrypt?.record).toMatchObject({
      errorCode: "DisabledException",
      errorMessage: `arn:aws:kms:eu-south-1:111122223333:key/${id} is disabled.`,
    });
    expect(encrypt?.record.requestParameters).toEqual({
      keyId: id,
      encryptionAlgorithm: "SYMMETRIC_DEFAULT",
    });
    const create = events.find((e) => e.EventName === "CreateKey");
    expect(
      (create?.record.responseElements as { keyMetadata: Record<string, unknown> }).keyMetadata,
    ).toMatchObject({ aWSAccountId: "111122223333", keyId: id });
  });

  it("describes assumed-role callers with a session issuer", async () => {
    sb.sandbox.registerAccessKey("ASIAROLESESSION", {
      account: "111122223333",
      principalArn: "arn:aws:sts::111122223333:assumed-role/auditor/session-1",
      roleArn: "arn:aws:iam::111122223333:role/auditor",
    });
    await createKms(sb.url, "af-south-1", "ASIAROLESESSION").send(new CreateKeyCommand({}));
    const [event] = await lookup(createCloudTrail(sb.url, "af-south-1", "ASIAROLESESSION"), {});
    expect(event?.Username).toBe("session-1");
    expect(event?.record.userIdentity).toMatchObject({
      type: "AssumedRole",
      arn: "arn:aws:sts::111122223333:assumed-role/auditor/session-1",
      sessionContext: {
        sessionIssuer: {
          type: "Role",
          arn: "arn:aws:iam::111122223333:role/auditor",
          userName: "auditor",
        },
      },
    });
  });
});

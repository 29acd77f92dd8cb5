import {
  CreateAliasCommand,
  CreateKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  TagResourceCommand,
  DescribeKeyCommand,
  KMSServiceException,
  ListKeysCommand,
  NotFoundException,
  ReplicateKeyCommand,
  UpdateKeyDescriptionCommand,
  UpdatePrimaryRegionCommand,
  paginateListKeys,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { catchError, createKms, policyOf, startTestSandbox } from "./testing/clients";

let sb: SandboxServer;
let tokyo: KMSClient;
let oregon: KMSClient;
let osaka: KMSClient;

beforeAll(async () => {
  sb = await startTestSandbox();
  tokyo = createKms(sb.url, "ap-northeast-1");
  oregon = createKms(sb.url, "us-west-2");
  osaka = createKms(sb.url, "ap-northeast-3");
});
afterAll(() => sb.close());

describe("CreateKey / DescribeKey", () => {
  it("creates a single-Region symmetric key with AWS's metadata fields", async () => {
    const out = await oregon.send(
      new CreateKeyCommand({ Description: "plain", Tags: [{ TagKey: "env", TagValue: "dev" }] }),
    );
    const md = out.KeyMetadata;
    expect(md?.KeyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(md?.Arn).toBe(`arn:aws:kms:us-west-2:111122223333:key/${md?.KeyId}`);
    expect(md?.CreationDate).toBeInstanceOf(Date);
    expect(md).toMatchObject({
      AWSAccountId: "111122223333",
      Enabled: true,
      KeyState: "Enabled",
      KeyUsage: "ENCRYPT_DECRYPT",
      KeySpec: "SYMMETRIC_DEFAULT",
      CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
      EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
      Origin: "AWS_KMS",
      KeyManager: "CUSTOMER",
      MultiRegion: false,
      Description: "plain",
    });
    expect(md?.MultiRegionConfiguration).toBeUndefined();
    expect(md?.DeletionDate).toBeUndefined();
  });

  it("creates EXTERNAL keys in PendingImport and HMAC keys with MAC algorithms", async () => {
    const ext = await oregon.send(new CreateKeyCommand({ Origin: "EXTERNAL" }));
    expect(ext.KeyMetadata).toMatchObject({
      KeyState: "PendingImport",
      Enabled: false,
      Origin: "EXTERNAL",
    });
    const hmac = await oregon.send(
      new CreateKeyCommand({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" }),
    );
    expect(hmac.KeyMetadata?.MacAlgorithms).toEqual(["HMAC_SHA_256"]);
    const err = await catchError(
      oregon.send(new CreateKeyCommand({ KeySpec: "HMAC_256", KeyUsage: "ENCRYPT_DECRYPT" })),
    );
    expect(err.name).toBe("ValidationException");
  });

  it("resolves key id, key ARN, alias name and alias ARN where AWS accepts them", async () => {
    const { KeyMetadata } = await oregon.send(new CreateKeyCommand({}));
    const id = KeyMetadata?.KeyId ?? "";
    const arn = KeyMetadata?.Arn ?? "";
    await oregon.send(new CreateAliasCommand({ AliasName: "alias/lookup", TargetKeyId: id }));
    for (const ref of [
      id,
      arn,
      "alias/lookup",
      "arn:aws:kms:us-west-2:111122223333:alias/lookup",
    ]) {
      const out = await oregon.send(new DescribeKeyCommand({ KeyId: ref }));
      expect(out.KeyMetadata?.KeyId).toBe(id);
    }
    const aliasNotAccepted = await catchError(
      oregon.send(new UpdateKeyDescriptionCommand({ KeyId: "alias/lookup", Description: "x" })),
    );
    expect(aliasNotAccepted).toBeInstanceOf(NotFoundException);
    expect(aliasNotAccepted.message).toBe("Invalid keyId 'alias/lookup'");
  });

  it("gives AWS's NotFound messages for malformed ids, foreign-Region ARNs and unknown keys", async () => {
    const { KeyMetadata } = await oregon.send(new CreateKeyCommand({}));
    const id = KeyMetadata?.KeyId ?? "";
    const bad = await catchError(oregon.send(new DescribeKeyCommand({ KeyId: "fake-key-id" })));
    expect(bad).toBeInstanceOf(NotFoundException);
    expect(bad.message).toBe("Invalid keyId 'fake-key-id'");
    expect(
      (await catchError(oregon.send(new DescribeKeyCommand({ KeyId: "mrk-fake-key-id" })))).message,
    ).toBe("Invalid keyId 'mrk-fake-key-id'");
    const elsewhere = await catchError(tokyo.send(new DescribeKeyCommand({ KeyId: id })));
    expect(elsewhere.message).toBe(
      `Key 'arn:aws:kms:ap-northeast-1:111122223333:key/${id}' does not exist`,
    );
    const foreignArn = await catchError(
      tokyo.send(new DescribeKeyCommand({ KeyId: KeyMetadata?.Arn })),
    );
    expect(foreignArn.message).toBe("Invalid arn us-west-2");
    const unknownMrk = "mrk-0123456789abcdef0123456789abcdef";
    expect(
      (await catchError(oregon.send(new DescribeKeyCommand({ KeyId: unknownMrk })))).message,
    ).toBe(`Key 'arn:aws:kms:us-west-2:111122223333:key/${unknownMrk}' does not exist`);
    const missingAlias = await catchError(
      oregon.send(new DescribeKeyCommand({ KeyId: "alias/nope" })),
    );
    expect(missingAlias.message).toBe(
      "Alias arn:aws:kms:us-west-2:111122223333:alias/nope is not found.",
    );
  });

  it("answers ValidationException (a base-class error with its name) for constraint violations", async () => {
    const err = await catchError(
      oregon.send(new CreateKeyCommand({ Tags: [{ TagKey: "k", TagValue: "v".repeat(257) }] })),
    );
    expect(err).toBeInstanceOf(KMSServiceException);
    expect(err.name).toBe("ValidationException");
    expect(err.message).toBe(
      `1 validation error detected: Value '${"v".repeat(257)}' at 'tags.1.member.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
    const tagErr = await catchError(
      oregon.send(new CreateKeyCommand({ Tags: [{ TagKey: "aws:x", TagValue: "v" }] })),
    );
    expect(tagErr.name).toBe("TagException");
  });
});

describe("multi-Region keys", () => {
  it("replicates with per-Region policy/tags/description and a consistent MultiRegionConfiguration", async () => {
    const primary = await tokyo.send(
      new CreateKeyCommand({
        MultiRegion: true,
        Description: "primary",
        Tags: [{ TagKey: "a", TagValue: "1" }],
      }),
    );
    const id = primary.KeyMetadata?.KeyId ?? "";
    expect(id).toMatch(/^mrk-[0-9a-f]{32}$/);
    expect(primary.KeyMetadata?.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: "PRIMARY",
      PrimaryKey: {
        Arn: `arn:aws:kms:ap-northeast-1:111122223333:key/${id}`,
        Region: "ap-northeast-1",
      },
      ReplicaKeys: [],
    });
    const rep = await tokyo.send(
      new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "us-west-2" }),
    );
    expect(rep.ReplicaKeyMetadata).toMatchObject({
      KeyState: "Creating",
      Enabled: false,
      Description: "",
      KeyId: id,
    });
    expect(rep.ReplicaKeyMetadata?.CurrentKeyMaterialId).toBeUndefined();
    expect(rep.ReplicaTags).toEqual([]);
    expect(rep.ReplicaPolicy).toContain('"Id" : "key-default-1"');
    await tokyo.send(
      new ReplicateKeyCommand({
        KeyId: id,
        ReplicaRegion: "ap-northeast-3",
        Description: "osaka",
        Tags: [{ TagKey: "b", TagValue: "2" }],
      }),
    );

    const inOregon = (await oregon.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
    const inTokyo = (await tokyo.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
    const inOsaka = (await osaka.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
    expect(inOregon).toMatchObject({ KeyState: "Enabled", Enabled: true, Description: "" });
    expect(inOsaka?.Description).toBe("osaka");
    expect(inTokyo?.Description).toBe("primary");
    const replicas = [
      { Arn: `arn:aws:kms:us-west-2:111122223333:key/${id}`, Region: "us-west-2" },
      { Arn: `arn:aws:kms:ap-northeast-3:111122223333:key/${id}`, Region: "ap-northeast-3" },
    ];
    expect(inTokyo?.MultiRegionConfiguration).toEqual({
      MultiRegionKeyType: "PRIMARY",
      PrimaryKey: inTokyo?.MultiRegionConfiguration?.PrimaryKey,
      ReplicaKeys: replicas,
    });
    expect(inOregon?.MultiRegionConfiguration?.MultiRegionKeyType).toBe("REPLICA");
    expect(inOsaka?.MultiRegionConfiguration?.ReplicaKeys).toEqual(replicas);
    expect(inOregon?.CurrentKeyMaterialId).toBe(inTokyo?.CurrentKeyMaterialId);

    const again = await catchError(
      tokyo.send(new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "us-west-2" })),
    );
    expect(again.name).toBe("AlreadyExistsException");
    const fromReplica = await catchError(
      oregon.send(new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "eu-west-1" })),
    );
    expect(fromReplica.name).toBe("UnsupportedOperationException");
    expect(fromReplica.message).toBe(
      `arn:aws:kms:us-west-2:111122223333:key/${id} is not a multi-region primary key.`,
    );
  });

  it("UpdatePrimaryRegion flips both Regions and leaves independent properties alone", async () => {
    const { KeyMetadata } = await tokyo.send(
      new CreateKeyCommand({ MultiRegion: true, Description: "p" }),
    );
    const id = KeyMetadata?.KeyId ?? "";
    await tokyo.send(
      new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "us-west-2", Description: "r" }),
    );
    await tokyo.send(new UpdatePrimaryRegionCommand({ KeyId: id, PrimaryRegion: "us-west-2" }));
    const west = (await oregon.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
    const east = (await tokyo.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
    expect(west?.MultiRegionConfiguration?.MultiRegionKeyType).toBe("PRIMARY");
    expect(east?.MultiRegionConfiguration?.MultiRegionKeyType).toBe("REPLICA");
    expect(east?.MultiRegionConfiguration?.PrimaryKey?.Region).toBe("us-west-2");
    expect(east?.MultiRegionConfiguration?.ReplicaKeys).toEqual([
      { Arn: `arn:aws:kms:ap-northeast-1:111122223333:key/${id}`, Region: "ap-northeast-1" },
    ]);
    expect(west?.Description).toBe("r");
    const missing = await catchError(
      oregon.send(new UpdatePrimaryRegionCommand({ KeyId: id, PrimaryRegion: "eu-west-1" })),
    );
    expect(missing).toBeInstanceOf(NotFoundException);
  });
});

describe("independent and shared properties", () => {
  it("keeps policy, tags, state and aliases per Region while rotation is shared", async () => {
    const { KeyMetadata } = await tokyo.send(new CreateKeyCommand({ MultiRegion: true }));
    const id = KeyMetadata?.KeyId ?? "";
    await tokyo.send(new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "us-west-2" }));
    const policy = policyOf();
    await oregon.send(new PutKeyPolicyCommand({ KeyId: id, Policy: policy }));
    await oregon.send(
      new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: "only", TagValue: "oregon" }] }),
    );
    await oregon.send(new DisableKeyCommand({ KeyId: id }));
    await oregon.send(new CreateAliasCommand({ AliasName: "alias/oregon-only", TargetKeyId: id }));
    await tokyo.send(new EnableKeyRotationCommand({ KeyId: id }));
    expect((await tokyo.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy).toContain(
      "key-default-1",
    );
    expect((await tokyo.send(new ListResourceTagsCommand({ KeyId: id }))).Tags).toEqual([]);
    expect((await tokyo.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata?.KeyState).toBe(
      "Enabled",
    );
    expect((await tokyo.send(new ListAliasesCommand({ KeyId: id }))).Aliases).toEqual([]);
    expect((await oregon.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata?.KeyState).toBe(
      "Disabled",
    );
    expect(
      (await oregon.send(new GetKeyRotationStatusCommand({ KeyId: id }))).KeyRotationEnabled,
    ).toBe(true);
  });
});

describe("ListKeys", () => {
  it("pages with Limit/Marker to the end, per Region, with no repeats", async () => {
    const sandbox = await startTestSandbox();
    try {
      const client = createKms(sandbox.url, "eu-west-1");
      const other = createKms(sandbox.url, "eu-west-2");
      const created: string[] = [];
      for (let i = 0; i < 23; i++)
        created.push((await client.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? "");
      await other.send(new CreateKeyCommand({}));
      const seen: string[] = [];
      let pages = 0;
      for await (const page of paginateListKeys({ client, pageSize: 5 }, {})) {
        pages++;
        expect(page.Truncated).toBe(page.NextMarker !== undefined);
        seen.push(...(page.Keys ?? []).map((k) => k.KeyId ?? ""));
      }
      expect(pages).toBe(5);
      expect(seen).toEqual(created);
      const first = await client.send(new ListKeysCommand({}));
      expect(first.Keys).toHaveLength(23);
      expect(first.Truncated).toBe(false);
      expect(first.NextMarker).toBeUndefined();
      const badMarker = await catchError(
        client.send(new ListKeysCommand({ Marker: "not-a-marker" })),
      );
      expect(badMarker.name).toBe("InvalidMarkerException");
      expect((await other.send(new ListKeysCommand({}))).Keys).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });
});

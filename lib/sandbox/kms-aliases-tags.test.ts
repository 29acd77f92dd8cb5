import {
  AlreadyExistsException,
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  paginateListAliases,
  paginateListResourceTags,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { catchError, createKms, startTestSandbox } from "./testing/clients";

let sb: SandboxServer;
let kms: KMSClient;
const newKey = async (client: KMSClient = kms) =>
  (await client.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? "";

beforeAll(async () => {
  sb = await startTestSandbox();
  kms = createKms(sb.url, "sa-east-1");
});
afterAll(() => sb.close());

describe("aliases", () => {
  it("creates, updates, deletes and lists aliases per key and per Region", async () => {
    const a = await newKey();
    const b = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: "alias/app", TargetKeyId: a }));
    await kms.send(
      new CreateAliasCommand({
        AliasName: "alias/app-2",
        TargetKeyId: `arn:aws:kms:sa-east-1:111122223333:key/${a}`,
      }),
    );
    const dup = await catchError(
      kms.send(new CreateAliasCommand({ AliasName: "alias/app", TargetKeyId: b })),
    );
    expect(dup).toBeInstanceOf(AlreadyExistsException);
    expect(dup.message).toBe(
      "An alias with the name arn:aws:kms:sa-east-1:111122223333:alias/app already exists",
    );
    const noPrefix = await catchError(
      kms.send(new CreateAliasCommand({ AliasName: "app", TargetKeyId: b })),
    );
    expect(noPrefix.name).toBe("ValidationException");
    expect(noPrefix.message).toBe(
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );

    const forA = await kms.send(new ListAliasesCommand({ KeyId: a }));
    expect(forA.Aliases?.map((x) => x.AliasName)).toEqual(["alias/app", "alias/app-2"]);
    expect(forA.Aliases?.[0]).toMatchObject({
      AliasArn: "arn:aws:kms:sa-east-1:111122223333:alias/app",
      TargetKeyId: a,
    });
    expect(forA.Aliases?.[0]?.CreationDate).toBeInstanceOf(Date);

    await kms.send(new UpdateAliasCommand({ AliasName: "alias/app", TargetKeyId: b }));
    expect(
      (await kms.send(new DescribeKeyCommand({ KeyId: "alias/app" }))).KeyMetadata?.KeyId,
    ).toBe(b);
    expect(
      (await kms.send(new ListAliasesCommand({ KeyId: a }))).Aliases?.map((x) => x.AliasName),
    ).toEqual(["alias/app-2"]);
    await kms.send(new DeleteAliasCommand({ AliasName: "alias/app-2" }));
    const gone = await catchError(kms.send(new DeleteAliasCommand({ AliasName: "alias/app-2" })));
    expect(gone.message).toBe("Alias arn:aws:kms:sa-east-1:111122223333:alias/app-2 is not found.");
    // Aliases are Region-local.
    const other = createKms(sb.url, "ca-central-1");
    expect(
      (await catchError(other.send(new DescribeKeyCommand({ KeyId: "alias/app" })))).name,
    ).toBe("NotFoundException");
  });

  it("lists every alias of the Region in pages, predefined AWS aliases included without a target", async () => {
    const client = createKms(sb.url, "eu-north-1");
    const key = await newKey(client);
    for (let i = 0; i < 12; i++)
      await client.send(
        new CreateAliasCommand({
          AliasName: `alias/z-${String(i).padStart(2, "0")}`,
          TargetKeyId: key,
        }),
      );
    const names: string[] = [];
    for await (const page of paginateListAliases({ client, pageSize: 4 }, {})) {
      expect((page.Aliases ?? []).length).toBeLessThanOrEqual(4);
      names.push(...(page.Aliases ?? []).map((x) => x.AliasName ?? ""));
    }
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith("alias/z-"))).toHaveLength(12);
    expect(names).toContain("alias/aws/s3");
    const all = await client.send(new ListAliasesCommand({ Limit: 100 }));
    const s3 = all.Aliases?.find((x) => x.AliasName === "alias/aws/s3");
    expect(s3).toEqual({
      AliasName: "alias/aws/s3",
      AliasArn: "arn:aws:kms:eu-north-1:111122223333:alias/aws/s3",
    });
    // DescribeKey of a predefined alias creates the AWS managed key.
    const managed = await client.send(new DescribeKeyCommand({ KeyId: "alias/aws/s3" }));
    expect(managed.KeyMetadata?.KeyManager).toBe("AWS");
    const after = await client.send(new ListAliasesCommand({ Limit: 100 }));
    expect(after.Aliases?.find((x) => x.AliasName === "alias/aws/s3")?.TargetKeyId).toBe(
      managed.KeyMetadata?.KeyId,
    );
  });
});

describe("tags", () => {
  it("tags, untags and pages ListResourceTags", async () => {
    const id = await newKey();
    const tags = Array.from({ length: 9 }, (_, i) => ({ TagKey: `k${i}`, TagValue: `v${i}` }));
    await kms.send(new TagResourceCommand({ KeyId: id, Tags: tags }));
    await kms.send(
      new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: "k0", TagValue: "new" }] }),
    );
    const seen: { TagKey?: string; TagValue?: string }[] = [];
    for await (const page of paginateListResourceTags({ client: kms, pageSize: 4 }, { KeyId: id }))
      seen.push(...(page.Tags ?? []));
    expect(seen).toHaveLength(9);
    expect(seen[0]).toEqual({ TagKey: "k0", TagValue: "new" });
    await kms.send(new UntagResourceCommand({ KeyId: id, TagKeys: tags.map((t) => t.TagKey) }));
    const empty = await kms.send(new ListResourceTagsCommand({ KeyId: id }));
    expect(empty.Tags).toEqual([]);
    expect(empty.Truncated).toBe(false);
    const dup = await catchError(
      kms.send(
        new TagResourceCommand({
          KeyId: id,
          Tags: [
            { TagKey: "a", TagValue: "1" },
            { TagKey: "a", TagValue: "2" },
          ],
        }),
      ),
    );
    expect(dup.name).toBe("TagException");
    expect(dup.message).toBe("Duplicate tag keys");
  });
});

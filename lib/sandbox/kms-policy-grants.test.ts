import {
  CreateGrantCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  GetKeyPolicyCommand,
  ListGrantsCommand,
  ListKeyPoliciesCommand,
  PutKeyPolicyCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  paginateListGrants,
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
  kms = createKms(sb.url, "eu-central-1");
});
afterAll(() => sb.close());

const policyWith = (statements: object[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const rootAllow = {
  Sid: "root",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
};

describe("key policies", () => {
  it("returns the default policy and stores a new one", async () => {
    const id = await newKey();
    const first = await kms.send(new GetKeyPolicyCommand({ KeyId: id, PolicyName: "default" }));
    expect(first.PolicyName).toBe("default");
    expect(JSON.parse(first.Policy ?? "")).toMatchObject({
      Id: "key-default-1",
      Statement: [{ Action: "kms:*", Principal: { AWS: "arn:aws:iam::111122223333:root" } }],
    });
    const policy = policyWith([rootAllow]);
    await kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: policy }));
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy).toBe(policy);
    expect((await kms.send(new ListKeyPoliciesCommand({ KeyId: id }))).PolicyNames).toEqual([
      "default",
    ]);
  });

  it("rejects malformed and oversized policies, then keeps serving", async () => {
    const id = await newKey();
    const malformed = await catchError(
      kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: "{not json" })),
    );
    expect(malformed.name).toBe("MalformedPolicyDocumentException");
    const big = policyWith([{ ...rootAllow, Sid: "x".repeat(40_000) }]);
    const oversized = await catchError(
      kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: big })),
    );
    expect(oversized.name).toBe("LimitExceededException");
    const tooLong = await catchError(
      kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: "x".repeat(131_073) })),
    );
    expect(tooLong.name).toBe("ValidationException");
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: id }))).Policy).toContain(
      "key-default-1",
    );
  });

  it("refuses calls an explicit Deny names, with AWS's AccessDenied message", async () => {
    const id = await newKey();
    const deny = {
      Effect: "Deny",
      Principal: { AWS: "arn:aws:iam::111122223333:user/AKIATESTUSER" },
      Action: ["kms:Describe*", "KMS:GETKEYPOLICY"],
      Resource: "*",
    };
    const conditional = {
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
    await kms.send(
      new PutKeyPolicyCommand({ KeyId: id, Policy: policyWith([rootAllow, deny, conditional]) }),
    );
    const err = await catchError(kms.send(new DescribeKeyCommand({ KeyId: id })));
    expect(err.name).toBe("AccessDeniedException");
    expect(err.message).toBe(
      `User: arn:aws:iam::111122223333:user/AKIATESTUSER is not authorized to perform: kms:DescribeKey on resource: arn:aws:kms:eu-central-1:111122223333:key/${id} with an explicit deny in a resource-based policy`,
    );
    expect((await catchError(kms.send(new GetKeyPolicyCommand({ KeyId: id })))).name).toBe(
      "AccessDeniedException",
    );
    // Another caller is not named; the conditional statement is ignored.
    const other = createKms(sb.url, "eu-central-1", "AKIAOTHERUSER");
    expect((await other.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata?.KeyId).toBe(id);
    const everyone = { Effect: "Deny", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" };
    await kms.send(new PutKeyPolicyCommand({ KeyId: id, Policy: policyWith([everyone]) }));
    expect((await catchError(other.send(new DescribeKeyCommand({ KeyId: id })))).name).toBe(
      "AccessDeniedException",
    );
  });
});

describe("grants", () => {
  it("creates, lists (paged, filtered), revokes and retires grants", async () => {
    const id = await newKey();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const grant = await kms.send(
        new CreateGrantCommand({
          KeyId: id,
          GranteePrincipal: `arn:aws:iam::111122223333:role/app${i % 2}`,
          Operations: ["Encrypt", "Decrypt"],
          Constraints: { EncryptionContextSubset: { Department: "IT" } },
        }),
      );
      expect(grant.GrantId).toMatch(/^[0-9a-f]{64}$/);
      expect(grant.GrantToken).toBeTruthy();
      ids.push(grant.GrantId ?? "");
    }
    const seen: string[] = [];
    for await (const page of paginateListGrants({ client: kms, pageSize: 3 }, { KeyId: id }))
      seen.push(...(page.Grants ?? []).map((g) => g.GrantId ?? ""));
    expect(seen).toEqual(ids);
    const listed = await kms.send(
      new ListGrantsCommand({ KeyId: id, GranteePrincipal: "arn:aws:iam::111122223333:role/app1" }),
    );
    expect(listed.Grants).toHaveLength(3);
    expect(listed.Grants?.[0]).toMatchObject({
      KeyId: `arn:aws:kms:eu-central-1:111122223333:key/${id}`,
      Name: "",
      IssuingAccount: "arn:aws:iam::111122223333:root",
      Operations: ["Encrypt", "Decrypt"],
      Constraints: { EncryptionContextSubset: { Department: "IT" } },
    });
    expect(listed.Grants?.[0]?.CreationDate).toBeInstanceOf(Date);
    await kms.send(new RevokeGrantCommand({ KeyId: id, GrantId: ids[0] }));
    await kms.send(new RetireGrantCommand({ KeyId: id, GrantId: ids[1] }));
    expect((await kms.send(new ListGrantsCommand({ KeyId: id }))).Grants).toHaveLength(5);
    expect(
      (await catchError(kms.send(new RevokeGrantCommand({ KeyId: id, GrantId: "nope" })))).name,
    ).toBe("InvalidGrantIdException");
    expect(
      (await catchError(kms.send(new RevokeGrantCommand({ KeyId: id, GrantId: ids[0] })))).name,
    ).toBe("NotFoundException");
  });

  it("retires by token, refuses grants on disabled keys and honours DryRun", async () => {
    const id = await newKey();
    const grant = await kms.send(
      new CreateGrantCommand({
        KeyId: id,
        GranteePrincipal: "arn:aws:iam::111122223333:user/x",
        Operations: ["Decrypt"],
        Name: "named",
      }),
    );
    const same = await kms.send(
      new CreateGrantCommand({
        KeyId: id,
        GranteePrincipal: "arn:aws:iam::111122223333:user/x",
        Operations: ["Decrypt"],
        Name: "named",
      }),
    );
    expect(same.GrantId).toBe(grant.GrantId);
    await kms.send(new RetireGrantCommand({ GrantToken: grant.GrantToken }));
    expect((await kms.send(new ListGrantsCommand({ KeyId: id }))).Grants).toEqual([]);
    const dry = await catchError(
      kms.send(
        new CreateGrantCommand({
          KeyId: id,
          GranteePrincipal: "arn:aws:iam::111122223333:user/x",
          Operations: ["Decrypt"],
          DryRun: true,
        }),
      ),
    );
    expect(dry.name).toBe("DryRunOperationException");
    await kms.send(new DisableKeyCommand({ KeyId: id }));
    const disabled = await catchError(
      kms.send(
        new CreateGrantCommand({
          KeyId: id,
          GranteePrincipal: "arn:aws:iam::111122223333:user/x",
          Operations: ["Decrypt"],
        }),
      ),
    );
    expect(disabled.name).toBe("DisabledException");
    expect(disabled.message).toBe(`arn:aws:kms:eu-central-1:111122223333:key/${id} is disabled.`);
  });
});

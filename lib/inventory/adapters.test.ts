import { describe, expect, it } from "vitest";
import { jsonNestingDepth, MAX_POLICY_BYTES, MAX_POLICY_DEPTH } from "../domain/policy-bounds";
import {
  MalformedPolicyError,
  parsePolicy,
  PolicyOutOfBoundsError,
  toGrant,
  toKeyMetadata,
  toKeyState,
  toListedMetadata,
  toRotation,
  toTags,
} from "./adapters";

const arn = "arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef";

describe("toKeyMetadata", () => {
  it("keeps DescribeKey's names, turns dates into ISO strings and omits absent fields", () => {
    const metadata = toKeyMetadata(
      {
        AWSAccountId: "111122223333",
        KeyId: "mrk-0123456789abcdef0123456789abcdef",
        Arn: arn,
        CreationDate: new Date(1_646_160_362_664),
        Enabled: true,
        Description: "payments",
        KeyUsage: "ENCRYPT_DECRYPT",
        KeyState: "Enabled",
        Origin: "AWS_KMS",
        KeyManager: "CUSTOMER",
        KeySpec: "SYMMETRIC_DEFAULT",
        EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
        MultiRegion: true,
        MultiRegionConfiguration: {
          MultiRegionKeyType: "REPLICA",
          PrimaryKey: { Arn: arn.replace("eu-west-1", "us-east-1"), Region: "us-east-1" },
          ReplicaKeys: [{ Arn: arn, Region: "eu-west-1" }],
        },
      },
      { account: "x", keyId: "y", arn: "z" },
    );
    expect(metadata.CreationDate).toBe("2022-03-01T18:46:02.664Z");
    expect(metadata.MultiRegionConfiguration?.PrimaryKey?.Region).toBe("us-east-1");
    expect(metadata.MultiRegionConfiguration?.ReplicaKeys).toEqual([
      { Arn: arn, Region: "eu-west-1" },
    ]);
    expect("DeletionDate" in metadata).toBe(false);
    expect(JSON.parse(JSON.stringify(metadata))).toEqual(metadata);
  });

  it("falls back to the listing's id and ARN", () => {
    const metadata = toKeyMetadata(
      { KeyId: undefined },
      { account: "111122223333", keyId: "k1", arn: "a1" },
    );
    expect(metadata).toMatchObject({
      AWSAccountId: "111122223333",
      KeyId: "k1",
      Arn: "a1",
      Enabled: false,
      KeyManager: "CUSTOMER",
    });
  });

  it("maps unknown key states to Unavailable", () => {
    expect(toKeyState("Frozen")).toBe("Unavailable");
    expect(toKeyState("PendingReplicaDeletion")).toBe("PendingReplicaDeletion");
  });
});

describe("toListedMetadata", () => {
  it("knows only what listing tells: AWS managed from alias/aws, multi-Region from mrk-", () => {
    expect(
      toListedMetadata({ account: "1", keyId: "mrk-abc", arn: "a", awsManaged: false }),
    ).toMatchObject({ MultiRegion: true, KeyManager: "CUSTOMER", KeySpec: "" });
    expect(
      toListedMetadata({ account: "1", keyId: "1234", arn: "a", awsManaged: true }),
    ).toMatchObject({ MultiRegion: false, KeyManager: "AWS" });
  });
});

describe("toGrant", () => {
  it("maps a ListGrants entry, keeping constraints and the service principal when there is no IAM grantee", () => {
    expect(
      toGrant({
        GrantId: "g1",
        Name: "",
        GranteeServicePrincipal: "logs.eu-west-1.amazonaws.com",
        IssuingAccount: "arn:aws:iam::111122223333:root",
        Operations: ["Decrypt", "Encrypt"],
        Constraints: { EncryptionContextSubset: { Department: "IT" } },
        CreationDate: new Date(1_572_216_195_000),
      }),
    ).toEqual({
      grantId: "g1",
      name: "",
      granteePrincipal: "logs.eu-west-1.amazonaws.com",
      issuingAccount: "arn:aws:iam::111122223333:root",
      operations: ["Decrypt", "Encrypt"],
      constraints: { encryptionContextSubset: { Department: "IT" } },
      creationDate: "2019-10-27T22:43:15.000Z",
    });
  });
});

describe("toTags / toRotation", () => {
  it("turns tag lists into a map", () => {
    expect(
      toTags([
        { TagKey: "env", TagValue: "prod" },
        { TagKey: "empty", TagValue: "" },
      ]),
    ).toEqual({ env: "prod", empty: "" });
  });
  it("reads rotation with its period and next date", () => {
    expect(
      toRotation({
        KeyRotationEnabled: true,
        RotationPeriodInDays: 365,
        NextRotationDate: new Date("2027-01-01T00:00:00Z"),
      }),
    ).toEqual({
      enabled: true,
      periodDays: 365,
      nextRotationDate: "2027-01-01T00:00:00.000Z",
    });
    expect(toRotation({})).toEqual({ enabled: false });
  });
});

describe("parsePolicy", () => {
  it("parses a policy document", () => {
    const doc = parsePolicy(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"},"Action":"kms:*","Resource":"*"}]}',
    );
    expect(Array.isArray(doc.Statement)).toBe(true);
  });
  it.each(["{not json", '"a string"', '{"Version":"2012-10-17"}', '{"Statement":[1]}', undefined])(
    "rejects %s as MalformedPolicyDocument",
    (text) => {
      expect(() => parsePolicy(text)).toThrow(MalformedPolicyError);
      try {
        parsePolicy(text);
      } catch (err) {
        expect(err instanceof Error && err.name).toBe("MalformedPolicyDocument");
      }
    },
  );
});

describe("parsePolicy bounds", () => {
  const nested = (depth: number) =>
    `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"k":${"[".repeat(depth - 5)}"v"${"]".repeat(depth - 5)}}}}]}`;

  it("accepts a policy nested exactly 32 levels deep", () => {
    expect(jsonNestingDepth(nested(MAX_POLICY_DEPTH))).toBe(32);
    expect(() => parsePolicy(nested(MAX_POLICY_DEPTH))).not.toThrow();
  });

  it("refuses a policy nested deeper, without parsing it", () => {
    for (const depth of [MAX_POLICY_DEPTH + 1, 5_000]) {
      let caught: unknown;
      try {
        parsePolicy(nested(depth));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(PolicyOutOfBoundsError);
      expect(caught instanceof Error && [caught.name, caught.message]).toEqual([
        "PolicyTooDeep",
        "policy is nested deeper than 32 levels",
      ]);
    }
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(jsonNestingDepth('{"a":"[[[{{{\\"]]]","b":["\\"["]}')).toBe(2);
  });

  it("refuses a policy over 32,768 bytes (UTF-8), even valid JSON", () => {
    const statement = '{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}';
    const padding = "é".repeat(16_400); // 32,800 bytes as UTF-8, 16,400 characters
    const text = `{"Id":"${padding}","Statement":[${statement}]}`;
    expect(text.length).toBeLessThan(MAX_POLICY_BYTES);
    expect(() => parsePolicy(text)).toThrow(
      /^policy is \d+ bytes, over the 32768-byte key policy limit$/,
    );
    try {
      parsePolicy(text);
    } catch (err) {
      expect(err instanceof Error && err.name).toBe("PolicyTooLarge");
    }
  });
});

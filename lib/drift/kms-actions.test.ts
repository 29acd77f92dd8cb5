import { describe, expect, it } from "vitest";
import { canonicalAction, expandAction, KMS_ACTIONS } from "./kms-actions";
import { replaceRegion } from "./region-text";

describe("expandAction", () => {
  it.each<[string, string[] | number]>([
    ["*", KMS_ACTIONS.length],
    ["kms:*", KMS_ACTIONS.length],
    ["KMS:decrypt", ["kms:Decrypt"]],
    ["kms:Decrypt*", ["kms:Decrypt"]],
    ["kms:Describe*", ["kms:DescribeCustomKeyStores", "kms:DescribeKey"]],
    [
      "kms:Get*",
      [
        "kms:GetKeyLastUsage",
        "kms:GetKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:GetParametersForImport",
        "kms:GetPublicKey",
      ],
    ],
    ["kms:List*", 7],
    ["kms:GenerateDataKey*", 4],
    ["kms:ReEncrypt*", ["kms:ReEncryptFrom", "kms:ReEncryptTo"]],
    ["s3:*", []],
    ["kms:NoSuchAction", []],
  ])("%s", (pattern, expected) => {
    const got = expandAction(pattern);
    if (typeof expected === "number") expect(got).toHaveLength(expected);
    else expect(got).toEqual(expected);
  });

  it("lists every KMS API action the brief names, Encapsulate and Decapsulate included", () => {
    expect(KMS_ACTIONS).toHaveLength(58);
    expect(KMS_ACTIONS).toEqual(
      expect.arrayContaining([
        "Encapsulate",
        "Decapsulate",
        "GetKeyLastUsage",
        "RotateKeyOnDemand",
        "DeriveSharedSecret",
      ]),
    );
  });

  it("spells actions canonically", () => {
    expect(canonicalAction("kms:generatedatakeypair")).toBe("kms:GenerateDataKeyPair");
    expect(canonicalAction("KMS:Decrypt*")).toBe("kms:decrypt*");
  });
});

describe("replaceRegion", () => {
  it.each<[string, string]>([
    ["eu-west-1", "R"],
    ["arn:aws:logs:eu-west-1:111122223333:log-group:*", "arn:aws:logs:R:111122223333:log-group:*"],
    ["arn:aws-us-gov:kms:eu-west-1:1:key/x", "arn:aws-us-gov:kms:R:1:key/x"],
    ["logs.eu-west-1.amazonaws.com", "logs.R.amazonaws.com"],
    ["s3.eu-west-1.amazonaws.com.cn", "s3.R.amazonaws.com.cn"],
    ["arn:aws:iam::1:role/eu-west-1-admin", "arn:aws:iam::1:role/eu-west-1-admin"],
    ["eu-west-12", "eu-west-12"],
    ["logs.eu-west-1.amazonaws.community", "logs.eu-west-1.amazonaws.community"],
  ])("%s", (input, output) => {
    expect(replaceRegion(input, "eu-west-1", "R")).toBe(output);
  });
});

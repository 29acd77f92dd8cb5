import { describe, expect, it } from "vitest";
import { canonicalAction, expandAction, KMS_ACTIONS } from "./kms-actions";

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

import type { KeyMetadata } from "../key-record";

/** DescribeKey's metadata of an enabled, customer-managed symmetric key: where fixtures start. */
export function customerKeyMetadata(key: {
  account: string;
  keyId: string;
  arn: string;
  description?: string;
}): KeyMetadata {
  return {
    AWSAccountId: key.account,
    KeyId: key.keyId,
    Arn: key.arn,
    Enabled: true,
    Description: key.description ?? "",
    KeyUsage: "ENCRYPT_DECRYPT",
    KeyState: "Enabled",
    Origin: "AWS_KMS",
    KeyManager: "CUSTOMER",
    KeySpec: "SYMMETRIC_DEFAULT",
    MultiRegion: key.keyId.startsWith("mrk-"),
  };
}

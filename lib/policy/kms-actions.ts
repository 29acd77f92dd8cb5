import { matchGlob } from "../domain/glob";

/** Every KMS API action (IAM action names without the `kms:` prefix), used to expand wildcards. */
export const KMS_ACTIONS = [
  "CancelKeyDeletion",
  "ConnectCustomKeyStore",
  "CreateAlias",
  "CreateCustomKeyStore",
  "CreateGrant",
  "CreateKey",
  "Decapsulate",
  "Decrypt",
  "DeleteAlias",
  "DeleteCustomKeyStore",
  "DeleteImportedKeyMaterial",
  "DeriveSharedSecret",
  "DescribeCustomKeyStores",
  "DescribeKey",
  "DisableKey",
  "DisableKeyRotation",
  "DisconnectCustomKeyStore",
  "EnableKey",
  "EnableKeyRotation",
  "Encapsulate",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateMac",
  "GenerateRandom",
  "GetKeyLastUsage",
  "GetKeyPolicy",
  "GetKeyRotationStatus",
  "GetParametersForImport",
  "GetPublicKey",
  "ImportKeyMaterial",
  "ListAliases",
  "ListGrants",
  "ListKeyPolicies",
  "ListKeyRotations",
  "ListKeys",
  "ListResourceTags",
  "ListRetirableGrants",
  "PutKeyPolicy",
  "ReEncryptFrom",
  "ReEncryptTo",
  "ReplicateKey",
  "RetireGrant",
  "RevokeGrant",
  "RotateKeyOnDemand",
  "ScheduleKeyDeletion",
  "Sign",
  "SynchronizeMultiRegionKey",
  "TagResource",
  "UntagResource",
  "UpdateAlias",
  "UpdateCustomKeyStore",
  "UpdateKeyDescription",
  "UpdatePrimaryRegion",
  "Verify",
  "VerifyMac",
] as const;

/** `kms:Decrypt` style names, the form used in access deltas. */
const KMS_IAM_ACTIONS: readonly string[] = KMS_ACTIONS.map((a) => `kms:${a}`);

const canonicalByLower = new Map(KMS_IAM_ACTIONS.map((a) => [a.toLowerCase(), a]));

/** Actions that use the key for data: what DR readiness looks at. */
export const KEY_USE_ACTIONS: readonly string[] = [
  "kms:Decrypt",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
  "kms:GenerateDataKeyWithoutPlaintext",
];

/** The canonical spelling of one action: known KMS actions in AWS case, anything else lower-cased. */
export function canonicalAction(action: string): string {
  if (action === "*") return "*";
  const lower = action.toLowerCase();
  return canonicalByLower.get(lower) ?? lower;
}

const expansionCache = new Map<string, readonly string[]>();

/** The KMS actions an IAM action pattern covers (`*`, `kms:*`, `kms:Get*`, `KMS:decrypt`); none for other services. */
export function expandAction(pattern: string): readonly string[] {
  const lower = pattern.toLowerCase();
  const hit = expansionCache.get(lower);
  if (hit) return hit;
  let result: readonly string[];
  if (lower === "*") result = KMS_IAM_ACTIONS;
  else if (!lower.startsWith("kms:")) result = [];
  else if (!lower.includes("*") && !lower.includes("?")) {
    const known = canonicalByLower.get(lower);
    result = known ? [known] : [];
  } else result = KMS_IAM_ACTIONS.filter((a) => matchGlob(lower, a.toLowerCase()));
  expansionCache.set(lower, result);
  return result;
}

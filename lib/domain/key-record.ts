/**
 * One KMS key in one region of one account, as read by the inventory stage.
 * Field names of `KeyMetadata` follow DescribeKey's KeyMetadata verbatim; timestamps are ISO-8601
 * strings so that a snapshot round-trips through JSON unchanged.
 */
export interface KeyMetadata {
  AWSAccountId: string;
  KeyId: string;
  Arn: string;
  CreationDate?: string;
  Enabled: boolean;
  Description: string;
  KeyUsage: string;
  KeyState: KeyState;
  DeletionDate?: string;
  ValidTo?: string;
  Origin: string;
  ExpirationModel?: string;
  KeyManager: "AWS" | "CUSTOMER";
  KeySpec: string;
  CustomerMasterKeySpec?: string;
  EncryptionAlgorithms?: string[];
  SigningAlgorithms?: string[];
  MacAlgorithms?: string[];
  KeyAgreementAlgorithms?: string[];
  MultiRegion: boolean;
  MultiRegionConfiguration?: MultiRegionConfiguration;
  PendingDeletionWindowInDays?: number;
  CurrentKeyMaterialId?: string;
}

export type KeyState =
  | "Creating"
  | "Enabled"
  | "Disabled"
  | "PendingDeletion"
  | "PendingImport"
  | "PendingReplicaDeletion"
  | "Unavailable"
  | "Updating";

export interface MultiRegionConfiguration {
  MultiRegionKeyType: "PRIMARY" | "REPLICA";
  PrimaryKey?: RegionalKeyRef;
  ReplicaKeys: RegionalKeyRef[];
}

export interface RegionalKeyRef {
  Arn: string;
  Region: string;
}

/** A key policy as parsed from GetKeyPolicy. Shapes are loose on purpose: AWS accepts scalars or arrays. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[] | PolicyStatement;
}

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

export interface Grant {
  grantId: string;
  name: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  issuingAccount?: string;
  operations: string[];
  constraints?: {
    encryptionContextSubset?: Record<string, string>;
    encryptionContextEquals?: Record<string, string>;
  };
  creationDate?: string;
}

export interface Rotation {
  enabled: boolean;
  periodDays?: number;
  nextRotationDate?: string;
}

/** The last successful cryptographic use of a key, as GetKeyLastUsage reports it. */
export interface KeyUse {
  operation: string;
  at: string;
  cloudTrailEventId?: string;
  kmsRequestId?: string;
}

/**
 * GetKeyLastUsage for one key in one region (a multi-Region key's regions track independently).
 * `lastUsed` is null when KMS recorded no use since `trackingStartDate`; a key created before that
 * date may still have been used before it (AWS: check older CloudTrail logs).
 */
export interface KeyLastUse {
  /** When KMS began recording this key's use: its creation, or the start of tracking if later. */
  trackingStartDate: string;
  keyCreationDate?: string;
  lastUsed: KeyUse | null;
}

/** A property of a key that the inventory could not read. */
export interface ReadError {
  property: "metadata" | "policy" | "grants" | "aliases" | "tags" | "rotation" | "lastUse";
  /** The AWS error name (`AccessDeniedException`, …) or `MalformedPolicyDocument` for an unparsable policy. */
  code: string;
  message: string;
}

export interface KeyRecord {
  account: string;
  region: string;
  keyId: string;
  arn: string;
  metadata: KeyMetadata;
  /** Whether the independent properties below were read (keys in no family are listed, not read). */
  audited: boolean;
  policy: PolicyDocument | null;
  grants: Grant[] | null;
  /** Null (with an `aliases` error) when the region's ListAliases was refused. */
  aliases: string[] | null;
  tags: Record<string, string> | null;
  rotation: Rotation | null;
  /**
   * Last use (GetKeyLastUsage). Null when not read: a key in no family, config `lastUse.read` off,
   * or an error in `errors[]`. Absent in snapshots taken before kms-drift read it.
   */
  lastUse?: KeyLastUse | null;
  errors: ReadError[];
}

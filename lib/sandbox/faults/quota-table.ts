/**
 * AWS default request quotas (requests per second, per account and Region) —
 * docs/aws-facts.md#quotas. Symmetric cryptographic operations share one bucket per Region, whose
 * size depends on the Region.
 */

const CRYPTO_OPERATIONS = new Set([
  "Decrypt",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateMac",
  "GenerateRandom",
  "ReEncrypt",
  "VerifyMac",
]);

const CRYPTO_20K_REGIONS = new Set([
  "us-east-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-northeast-1",
  "eu-central-1",
  "eu-west-2",
]);
const CRYPTO_100K_REGIONS = new Set(["us-east-1", "us-west-2", "eu-west-1"]);

const KMS_OPERATION_RPS: Record<string, number> = {
  CancelKeyDeletion: 5,
  CreateAlias: 5,
  CreateGrant: 50,
  CreateKey: 5,
  DeleteAlias: 15,
  DescribeKey: 2000,
  DisableKey: 5,
  DisableKeyRotation: 5,
  EnableKey: 5,
  EnableKeyRotation: 15,
  GetKeyLastUsage: 5,
  GetKeyPolicy: 1000,
  GetKeyRotationStatus: 1000,
  GetPublicKey: 2000,
  ListAliases: 500,
  ListGrants: 100,
  ListKeyPolicies: 100,
  ListKeys: 500,
  ListKeyRotations: 100,
  ListResourceTags: 2000,
  ListRetirableGrants: 100,
  PutKeyPolicy: 15,
  ReplicateKey: 5,
  RetireGrant: 50,
  RevokeGrant: 50,
  RotateKeyOnDemand: 5,
  ScheduleKeyDeletion: 15,
  TagResource: 10,
  UntagResource: 5,
  UpdateAlias: 5,
  UpdateKeyDescription: 5,
  UpdatePrimaryRegion: 5,
};

/** LookupEvents is 2 TPS and cannot be raised; the other CloudTrail read APIs are 10 TPS. */
const CLOUDTRAIL_OPERATION_RPS: Record<string, number> = { LookupEvents: 2 };
const CLOUDTRAIL_DEFAULT_RPS = 10;

export interface QuotaBucket {
  /** Bucket key inside one (account, Region): the operation, or `crypto` for the shared bucket. */
  name: string;
  rps: number;
}

function readCryptoRps(region: string): number {
  if (CRYPTO_100K_REGIONS.has(region)) return 100_000;
  if (CRYPTO_20K_REGIONS.has(region)) return 20_000;
  return 10_000;
}

/** The quota bucket an operation draws from, or undefined when it is not rate-limited here. */
export function findQuotaBucket(
  service: string,
  operation: string,
  region: string,
): QuotaBucket | undefined {
  if (service === "kms") {
    if (CRYPTO_OPERATIONS.has(operation)) return { name: "crypto", rps: readCryptoRps(region) };
    const rps = KMS_OPERATION_RPS[operation];
    return rps === undefined ? undefined : { name: operation, rps };
  }
  if (service === "cloudtrail") {
    return { name: operation, rps: CLOUDTRAIL_OPERATION_RPS[operation] ?? CLOUDTRAIL_DEFAULT_RPS };
  }
  return undefined;
}

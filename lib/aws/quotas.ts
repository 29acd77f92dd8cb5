/**
 * KMS request quotas per account per region, requests/second (docs/aws-facts.md#quotas, current AWS
 * values), CloudTrail LookupEvents 2/s (not adjustable). Every operation is its own bucket.
 */
export const AWS_READ_QUOTAS: Readonly<Record<string, number>> = {
  DescribeKey: 2000,
  GetKeyPolicy: 1000,
  GetKeyRotationStatus: 1000,
  // The lowest read quota KMS has: with `lastUse.read` on, it bounds a region's key reads at 5 keys/s.
  GetKeyLastUsage: 5,
  ListResourceTags: 2000,
  ListKeys: 500,
  ListAliases: 500,
  ListGrants: 100,
  ListKeyPolicies: 100,
  ListKeyRotations: 100,
  LookupEvents: 2,
  GetCallerIdentity: 100,
  AssumeRole: 100,
};

/** Quota for operations missing from the table (conservative: the lowest KMS read quota). */
export const FALLBACK_QUOTA = 100;

/** The AWS defaults with per-operation overrides from config `quotas`. */
export function resolveQuotas(
  overrides: Readonly<Record<string, number>> = {},
): Record<string, number> {
  return { ...AWS_READ_QUOTAS, ...overrides };
}

import { formatAliasArn } from "../core/arn";
import { putAlias } from "../state/store";
import type { RegionKey } from "../state/model";
import { formatManagedKeyPolicy } from "./default-policy";
import type { KmsEnv } from "./env";
import { addRegionKey, createFamily } from "./key-factory";

/**
 * Predefined AWS aliases: ListAliases (without KeyId) shows them in every Region even before a
 * service created the AWS managed key, then without `TargetKeyId` (docs/aws-facts.md#aliases).
 * DescribeKey (and cryptographic use) of such an alias makes KMS create the AWS managed key.
 */
export const PREDEFINED_ALIASES = [
  "alias/aws/acm",
  "alias/aws/dynamodb",
  "alias/aws/ebs",
  "alias/aws/lambda",
  "alias/aws/rds",
  "alias/aws/s3",
  "alias/aws/secretsmanager",
  "alias/aws/ssm",
] as const;

export function isPredefinedAlias(name: string): boolean {
  return (PREDEFINED_ALIASES as readonly string[]).includes(name);
}

export function createManagedKey(env: KmsEnv, aliasName: string): RegionKey {
  const { account, region } = env.region;
  const service = aliasName.slice("alias/aws/".length);
  const family = createFamily(env.store, env.prng, {
    account,
    region,
    multiRegion: false,
    keySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT",
    origin: "AWS_KMS",
    keyManager: "AWS",
  });
  // AWS managed keys rotate every year and that cannot be turned off.
  family.rotation = {
    enabled: true,
    periodDays: 365,
    nextRotation: env.now + 365 * 86_400_000,
    history: [],
  };
  const key = addRegionKey(env.store, family, {
    region,
    description: `Default key that protects my ${service} resources when no other key is defined`,
    policy: formatManagedKeyPolicy(account, region, service),
    tags: [],
    now: env.now,
    state: "Enabled",
  });
  putAlias(env.region, {
    name: aliasName,
    arn: formatAliasArn(region, account, aliasName),
    targetKeyId: family.keyId,
    creationDate: env.now,
    lastUpdatedDate: env.now,
  });
  key.aliases.add(aliasName);
  return key;
}

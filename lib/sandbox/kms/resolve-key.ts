import { formatAliasArn, formatKeyArn, parseKmsArn } from "../core/arn";
import type { RegionKey, RegionState } from "../state/model";
import { authorizeKeyAccess } from "./authorize";
import type { KmsEnv } from "./env";
import { keyDoesNotExist, notFound } from "./errors";
import { createManagedKey, isPredefinedAlias } from "./predefined-aliases";

export interface ResolveOptions {
  /**
   * DescribeKey and the cryptographic operations also take an alias name or alias ARN
   * (docs/aws-facts.md#key-ids).
   */
  allowAlias?: boolean;
  /** Operations that take another account's key by ARN (DescribeKey, ListGrants, grants, crypto…). */
  allowCrossAccount?: boolean;
  /** Skip the key-policy check (e.g. the caller already passed it for this key). */
  skipAuthorization?: boolean;
}

const KEY_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MRK_ID = /^mrk-[0-9a-fA-F]{32}$/;

export function isWellFormedKeyId(text: string): boolean {
  return KEY_ID.test(text) || MRK_ID.test(text);
}

/**
 * Finds the key a `KeyId` member names, in the call's Region, with real KMS's messages for
 * malformed ids, foreign-Region ARNs and unknown keys; then applies the key policy. The resolved
 * key's ARN goes into the CloudTrail record even when a later check fails.
 */
export function resolveKey(env: KmsEnv, text: string, options: ResolveOptions = {}): RegionKey {
  const key = findKey(env, text, options);
  env.audit.resourceArns = [key.arn];
  if (key.family.account !== env.ctx.account) env.audit.ownerAccount = key.family.account;
  if (!options.skipAuthorization) authorizeKeyAccess(env.ctx, key, env.operation);
  return key;
}

function findKey(env: KmsEnv, text: string, options: ResolveOptions): RegionKey {
  const callRegion = env.region.region;
  if (text.startsWith("arn:")) {
    const arn = parseKmsArn(text);
    if (!arn) throw notFound(`Invalid arn ${text}`);
    if (arn.region !== callRegion) throw notFound(`Invalid arn ${arn.region}`);
    const owner =
      arn.account === env.ctx.account || !options.allowCrossAccount
        ? env.region
        : env.store.region(arn.account, callRegion);
    if (arn.resourceType === "alias") {
      if (!options.allowAlias) throw notFound(`Invalid keyId '${text}'`);
      return findAliasTarget(env, owner, arn.resource);
    }
    return findById(owner, arn.resource, text);
  }
  if (text.startsWith("alias/")) {
    if (!options.allowAlias) throw notFound(`Invalid keyId '${text}'`);
    return findAliasTarget(env, env.region, text);
  }
  return findById(env.region, text, text);
}

function findById(region: RegionState, keyId: string, asSent: string): RegionKey {
  if (!isWellFormedKeyId(keyId)) throw notFound(`Invalid keyId '${asSent}'`);
  const key = region.keysById.get(keyId);
  if (!key) throw keyDoesNotExist(formatKeyArn(region.region, region.account, keyId));
  return key;
}

function findAliasTarget(env: KmsEnv, region: RegionState, aliasName: string): RegionKey {
  const alias = region.aliases.get(aliasName);
  const target =
    alias?.targetKeyId === undefined ? undefined : region.keysById.get(alias.targetKeyId);
  if (target) return target;
  if (region === env.region && isPredefinedAlias(aliasName))
    return createManagedKey(env, aliasName);
  throw notFound(`Alias ${formatAliasArn(region.region, region.account, aliasName)} is not found.`);
}

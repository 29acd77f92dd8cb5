import type { Grant, PolicyDocument } from "../domain/key-record";
import { joinCommand } from "./shell-quote";

/** AWS CLI commands that bring a region back to its reference. kms-drift prints them, never runs them. */
const kms = (command: string, region: string, ...rest: string[]): string =>
  joinCommand(["aws", "kms", command, "--region", region, ...rest]);

export function putKeyPolicyCommand(region: string, keyId: string, policy: PolicyDocument): string {
  return kms(
    "put-key-policy",
    region,
    "--key-id",
    keyId,
    "--policy-name",
    "default",
    "--policy",
    JSON.stringify(policy),
  );
}

export function createAliasCommand(region: string, keyId: string, alias: string): string {
  return kms("create-alias", region, "--alias-name", alias, "--target-key-id", keyId);
}

export function deleteAliasCommand(region: string, alias: string): string {
  return kms("delete-alias", region, "--alias-name", alias);
}

export function enableKeyCommand(region: string, keyId: string): string {
  return kms("enable-key", region, "--key-id", keyId);
}

export function disableKeyCommand(region: string, keyId: string): string {
  return kms("disable-key", region, "--key-id", keyId);
}

export function getKeyLastUsageCommand(region: string, keyId: string): string {
  return kms("get-key-last-usage", region, "--key-id", keyId);
}

export function cancelKeyDeletionCommand(region: string, keyId: string): string {
  return kms("cancel-key-deletion", region, "--key-id", keyId);
}

export function scheduleKeyDeletionCommand(region: string, keyId: string, days = 30): string {
  return kms(
    "schedule-key-deletion",
    region,
    "--key-id",
    keyId,
    "--pending-window-in-days",
    String(days),
  );
}

export function tagResourceCommand(
  region: string,
  keyId: string,
  tags: Record<string, string>,
): string {
  const list = Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
  return kms("tag-resource", region, "--key-id", keyId, "--tags", JSON.stringify(list));
}

export function untagResourceCommand(region: string, keyId: string, tagKeys: string[]): string {
  return kms("untag-resource", region, "--key-id", keyId, "--tag-keys", JSON.stringify(tagKeys));
}

export function updateDescriptionCommand(
  region: string,
  keyId: string,
  description: string,
): string {
  return kms("update-key-description", region, "--key-id", keyId, "--description", description);
}

export function enableRotationCommand(region: string, keyId: string, periodDays?: number): string {
  const period = periodDays === undefined ? [] : ["--rotation-period-in-days", String(periodDays)];
  return kms("enable-key-rotation", region, "--key-id", keyId, ...period);
}

export function disableRotationCommand(region: string, keyId: string): string {
  return kms("disable-key-rotation", region, "--key-id", keyId);
}

export function replicateKeyCommand(
  primaryRegion: string,
  keyId: string,
  replicaRegion: string,
): string {
  return kms("replicate-key", primaryRegion, "--key-id", keyId, "--replica-region", replicaRegion);
}

/** Recreate a grant the reference has (a new grant id; grant ids never match across regions). */
export function createGrantCommand(region: string, keyId: string, grant: Grant): string {
  const words = [
    "--key-id",
    keyId,
    "--grantee-principal",
    grant.granteePrincipal,
    "--operations",
    ...grant.operations,
  ];
  if (grant.retiringPrincipal) words.push("--retiring-principal", grant.retiringPrincipal);
  const c = grant.constraints;
  if (c && (c.encryptionContextSubset || c.encryptionContextEquals)) {
    const constraints: Record<string, Record<string, string>> = {};
    if (c.encryptionContextSubset) constraints.EncryptionContextSubset = c.encryptionContextSubset;
    if (c.encryptionContextEquals) constraints.EncryptionContextEquals = c.encryptionContextEquals;
    words.push("--constraints", JSON.stringify(constraints));
  }
  if (grant.name) words.push("--name", grant.name);
  return kms("create-grant", region, ...words);
}

export function revokeGrantCommand(region: string, keyId: string, grantId: string): string {
  return kms("revoke-grant", region, "--key-id", keyId, "--grant-id", grantId);
}

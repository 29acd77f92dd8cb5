import { formatKeyArn } from "../core/arn";
import type { RegionKey } from "../state/model";
import { describeAlgorithms } from "./key-spec";

export function toEpochSeconds(ms: number): number {
  return ms / 1000;
}

/**
 * KeyMetadata as DescribeKey returns it (docs/aws-facts.md#key-metadata): `MultiRegion` always
 * present, `MultiRegionConfiguration` only for multi-Region keys and rebuilt from the family each
 * time, `DeletionDate` only in PendingDeletion, `PendingDeletionWindowInDays` only in
 * PendingReplicaDeletion.
 */
export function describeKeyMetadata(key: RegionKey): Record<string, unknown> {
  const { family } = key;
  const metadata: Record<string, unknown> = {
    AWSAccountId: family.account,
    KeyId: family.keyId,
    Arn: key.arn,
    CreationDate: toEpochSeconds(key.creationDate),
    Enabled: key.state === "Enabled",
    Description: key.description,
    KeyUsage: family.keyUsage,
    KeyState: key.state,
  };
  if (key.state === "PendingDeletion" && key.deletionDate !== undefined)
    metadata.DeletionDate = toEpochSeconds(key.deletionDate);
  metadata.Origin = family.origin;
  metadata.KeyManager = family.keyManager;
  metadata.CustomerMasterKeySpec = family.keySpec;
  metadata.KeySpec = family.keySpec;
  Object.assign(metadata, describeAlgorithms(family.keySpec, family.keyUsage));
  metadata.MultiRegion = family.multiRegion;
  if (family.multiRegion) metadata.MultiRegionConfiguration = describeMultiRegionConfiguration(key);
  if (key.state === "PendingReplicaDeletion")
    metadata.PendingDeletionWindowInDays = key.pendingWindowDays;
  if (family.keyMaterialId !== undefined && family.origin !== "EXTERNAL")
    metadata.CurrentKeyMaterialId = family.keyMaterialId;
  return metadata;
}

function describeMultiRegionConfiguration(key: RegionKey): Record<string, unknown> {
  const { family } = key;
  const ref = (region: string) => ({
    Arn: formatKeyArn(region, family.account, family.keyId),
    Region: region,
  });
  return {
    MultiRegionKeyType: key.region === family.primaryRegion ? "PRIMARY" : "REPLICA",
    PrimaryKey: ref(family.primaryRegion),
    ReplicaKeys: family.regions.filter((r) => r !== family.primaryRegion).map(ref),
  };
}

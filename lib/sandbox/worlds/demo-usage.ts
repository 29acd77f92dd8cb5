import { DEMO_ACCOUNT, type Cast } from "./cast";
import type { Family, FamilyMember, FamilySpec } from "./family";
import { planFamily } from "./family-specs";
import type { Random } from "./random";
import { describeDrift, type WorldDrift } from "./world-drift";

/**
 * Two multi-Region families whose last replica nobody uses (GetKeyLastUsage): `archive-vault` is
 * created before KMS began tracking use (its replica reports TrackingStartDate after its creation),
 * `dr-standby` after (its replica was never used at all). Every other usable key gets read events.
 */
export interface UsageFamilies {
  archiveVault: FamilySpec;
  drStandby: FamilySpec;
}

export function planUsageFamilies(random: Random, cast: Cast): UsageFamilies {
  const plan = (name: string, regions: string[]): FamilySpec =>
    planFamily(random, {
      account: DEMO_ACCOUNT,
      kind: "multi-region",
      name,
      regions,
      creator: cast.terraform,
    });
  return {
    archiveVault: plan("archive-vault", ["eu-central-1", "us-east-2", "eu-north-1"]),
    drStandby: plan("dr-standby", ["us-east-1", "eu-west-1", "ap-northeast-1"]),
  };
}

function lastReplica(family: Family): FamilyMember {
  const member = family.members[family.members.length - 1];
  if (!member || member.region === family.referenceRegion)
    throw new Error(`demo world: ${family.id} has no replica`);
  return member;
}

/** The replicas left unused, and the `usage` drifts they plant (low by default). */
export function plantUnusedReplicas(
  archiveVault: Family,
  drStandby: Family,
): { quiet: Set<string>; drifts: WorldDrift[] } {
  const archived = lastReplica(archiveVault);
  const standby = lastReplica(drStandby);
  const cause = (member: FamilyMember) => ({ ...member.createdBy, eventName: "ReplicateKey" });
  return {
    quiet: new Set([archived.arn, standby.arn]),
    drifts: [
      describeDrift(
        archiveVault,
        archived.region,
        "usage",
        "low",
        `replica made before usage tracking began and not used since (TrackingStartDate after KeyCreationDate)`,
        cause(archived),
      ),
      describeDrift(
        drStandby,
        standby.region,
        "usage",
        "low",
        "disaster-recovery replica never used since it was created",
        cause(standby),
      ),
    ],
  };
}

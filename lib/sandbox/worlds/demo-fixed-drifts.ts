import { PARTNER_ACCOUNT, type Cast } from "./cast";
import type { DemoFixedFamilies, SecondAccountFamilies } from "./demo-families";
import type { DriftStep } from "./demo-drifts";
import { findMember, type Family, type FamilySpec } from "./family";
import * as plant from "./plant-drifts";
import { describeDrift, type WorldDrift } from "./world-drift";
import type { WorldWriter } from "./writer";

/** Drifts on the named families, several of which the recommended config refers to. */
export function planFixedDriftSteps(
  cast: Cast,
  get: (spec: FamilySpec) => Family,
  fixed: DemoFixedFamilies,
  second: SecondAccountFamilies,
): DriftStep[] {
  return [
    {
      family: get(fixed.customerPiiEu),
      region: "us-east-1",
      apply: (wr, f, r) => ({
        ...plant.plantResidencyReplica(wr, f, r, cast.mallory),
        dependsOnConfig: "residency[0]",
      }),
    },
    {
      family: get(fixed.legacyReports),
      region: "us-west-2",
      apply: (wr, f, r) => ({
        ...plant.plantTag(wr, f, r, cast.alice, "owner", "finance"),
        waiver: { state: "active", config: "waivers[0]" },
      }),
    },
    {
      family: get(fixed.legacyExports),
      region: "eu-west-1",
      apply: (wr, f, r) => ({
        ...plant.plantDescription(wr, f, r, cast.bob, "legacy exports (frozen)"),
        waiver: { state: "expired", config: "waivers[1]" },
      }),
    },
    {
      family: get(fixed.appSecrets),
      region: "us-west-2",
      apply: (wr, f, r) => plant.plantRotationOff(wr, f, r, cast.alice),
    },
    {
      family: get(fixed.sharedConfig),
      region: "us-east-1",
      apply: (wr, f, r) =>
        plant.plantWiderPolicy(wr, f, r, cast.bob, `arn:aws:iam::${PARTNER_ACCOUNT}:root`),
    },
    {
      family: get(second.partnerExchange),
      region: "ap-northeast-1",
      apply: (wr, f, r) =>
        plant.plantWiderPolicy(wr, f, r, cast.secondOps, `arn:aws:iam::${PARTNER_ACCOUNT}:root`),
    },
  ];
}

/** Differences that exist from the keys' creation on (independent keys of alias families). */
export function describeCreationDrifts(
  byok: Family,
  signing: Family,
  envelope: Family,
  ledger: Family,
): WorldDrift[] {
  const createdBy = (f: Family, region: string) => findMember(f, region).createdBy;
  return [
    describeDrift(
      byok,
      "us-east-1",
      "origin",
      "medium",
      "key material origin EXTERNAL where the reference is AWS_KMS",
      createdBy(byok, "us-east-1"),
    ),
    describeDrift(
      byok,
      "us-east-1",
      "state",
      "high",
      "PendingImport (no key material imported) while the reference is Enabled",
      createdBy(byok, "us-east-1"),
    ),
    describeDrift(
      signing,
      "us-west-2",
      "keyUsage",
      "medium",
      "SIGN_VERIFY where the reference is ENCRYPT_DECRYPT",
      createdBy(signing, "us-west-2"),
    ),
    describeDrift(
      envelope,
      "us-east-1",
      "keySpec",
      "medium",
      "RSA_4096 where the reference is RSA_2048",
      createdBy(envelope, "us-east-1"),
    ),
    {
      ...describeDrift(
        ledger,
        "ap-northeast-1",
        "replicaSet",
        "medium",
        "no replica in ap-northeast-1, which config expectedReplicas requires",
      ),
      dependsOnConfig: "expectedReplicas[0]",
    },
  ];
}

/**
 * Decommissioning: replicas scheduled for deletion, then the primary (⇒ PendingReplicaDeletion).
 * Each replica then differs from its primary (PendingDeletion vs PendingReplicaDeletion).
 */
export function decommission(w: WorldWriter, family: Family, actor: Cast["bob"]): WorldDrift[] {
  const drifts: WorldDrift[] = [];
  for (const member of [...family.members].reverse()) {
    const { time } = w.call(actor, member.region, "ScheduleKeyDeletion", {
      KeyId: member.keyId,
      PendingWindowInDays: 30,
    });
    member.usable = false;
    if (member.region === family.referenceRegion) continue;
    drifts.push(
      describeDrift(
        family,
        member.region,
        "state",
        "medium",
        "replica PendingDeletion while the primary is PendingReplicaDeletion (family being decommissioned)",
        {
          actor,
          eventName: "ScheduleKeyDeletion",
          time,
        },
      ),
    );
  }
  return drifts;
}

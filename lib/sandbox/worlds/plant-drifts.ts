import type { Actor } from "./actors";
import { findMember, newMember, type Family } from "./family";
import { createAlias, createGrant, replicateKey, type GrantSpec } from "./kms-calls";
import { pickPolicyStyle, renderPolicy } from "./policy-render";
import { describeDrift, type Planter, type WorldDrift } from "./world-drift";
import type { WorldWriter } from "./writer";

/** Each planter makes one real change in one region, as a named actor, and says what it planted. */

export {
  plantAdminGranted,
  plantDenyRemoved,
  plantUnreadablePolicy,
  plantWiderPolicy,
} from "./plant-policy-drifts";

/** The drift one write call on the family's key in `region` plants. */
function plantCall(
  w: WorldWriter,
  target: { family: Family; region: string; actor: Actor },
  operation: string,
  params: Record<string, unknown>,
  drift: { property: string; severity: WorldDrift["expectedSeverity"]; description: string },
): WorldDrift {
  const { family, region, actor } = target;
  const keyId = findMember(family, region).keyId;
  const { time } = w.call(actor, region, operation, { KeyId: keyId, ...params });
  return describeDrift(family, region, drift.property, drift.severity, drift.description, {
    actor,
    eventName: operation,
    time,
  });
}

export const plantExtraGrant: Planter<[grant: GrantSpec]> = (w, family, region, actor, grant) => {
  const { time } = createGrant(w, actor, region, findMember(family, region).keyId, grant);
  return describeDrift(
    family,
    region,
    "grants",
    "high",
    `extra grant ${grant.name} gives ${grant.grantee} ${grant.operations.join(", ")}`,
    { actor, eventName: "CreateGrant", time },
  );
};

export const plantMissingAlias: Planter = (w, family, region, actor) => {
  const { time } = w.call(actor, region, "DeleteAlias", { AliasName: `alias/${family.spec.name}` });
  return describeDrift(
    family,
    region,
    "aliases",
    "medium",
    `alias/${family.spec.name} exists only outside ${region}`,
    { actor, eventName: "DeleteAlias", time },
  );
};

export const plantDisabledKey: Planter = (w, family, region, actor) => {
  const drift = plantCall(
    w,
    { family, region, actor },
    "DisableKey",
    {},
    {
      property: "state",
      severity: "high",
      description: "replica Disabled while the reference is Enabled",
    },
  );
  findMember(family, region).usable = false;
  return drift;
};

export const plantPendingDeletion: Planter = (w, family, region, actor) => {
  const drift = plantCall(
    w,
    { family, region, actor },
    "ScheduleKeyDeletion",
    { PendingWindowInDays: 30 },
    {
      property: "state",
      severity: "high",
      description: "replica PendingDeletion while the reference is Enabled",
    },
  );
  findMember(family, region).usable = false;
  return drift;
};

export const plantDescription: Planter<[text: string]> = (w, family, region, actor, text) => {
  return plantCall(
    w,
    { family, region, actor },
    "UpdateKeyDescription",
    { Description: text },
    {
      property: "description",
      severity: "low",
      description: `description changed to ${JSON.stringify(text)}`,
    },
  );
};

export const plantTag: Planter<[key: string, value: string]> = (
  w,
  family,
  region,
  actor,
  key,
  value,
) => {
  const verb = key in family.spec.tags ? "changed" : "added";
  return plantCall(
    w,
    { family, region, actor },
    "TagResource",
    { Tags: [{ TagKey: key, TagValue: value }] },
    {
      property: "tags",
      severity: "low",
      description: `tag ${key} ${verb} (${JSON.stringify(value)})`,
    },
  );
};

export const plantUntag: Planter<[key: string]> = (w, family, region, actor, key) => {
  return plantCall(
    w,
    { family, region, actor },
    "UntagResource",
    { TagKeys: [key] },
    {
      property: "tags",
      severity: "low",
      description: `tag ${key} removed`,
    },
  );
};

/** Alias families only: independent keys, so rotation may really differ. */
export const plantRotationOff: Planter = (w, family, region, actor) => {
  return plantCall(
    w,
    { family, region, actor },
    "DisableKeyRotation",
    {},
    {
      property: "rotation",
      severity: "medium",
      description: "automatic rotation disabled in one key of the alias family",
    },
  );
};

/** A replica in a region the family's residency rule does not allow, complete and otherwise in sync. */
export const plantResidencyReplica: Planter = (w, family, region, actor) => {
  const primary = findMember(family, family.referenceRegion);
  const style = pickPolicyStyle(w.random, "key-policy-1");
  const replica = replicateKey(w, actor, primary.region, primary.keyId, region, {
    policy: renderPolicy(primary.parts, style, family.spec.account, region),
    description: family.spec.description,
    tags: family.spec.tags,
  });
  family.members.push(
    newMember(
      region,
      replica,
      { actor, eventName: "ReplicateKey" },
      { parts: primary.parts, style },
      true,
    ),
  );
  w.clock.advance(90, 180);
  createAlias(w, actor, region, `alias/${family.spec.name}`, replica.keyId);
  for (const grant of family.spec.grants) createGrant(w, actor, region, replica.keyId, grant);
  return describeDrift(
    family,
    region,
    "residency",
    "high",
    `replica in ${region}, outside the regions allowed for its data class`,
    { actor, eventName: "ReplicateKey", time: replica.time },
  );
};

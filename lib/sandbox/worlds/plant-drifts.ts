import type { Actor } from "./actors";
import { findMember, type Family } from "./family";
import { createAlias, createGrant, replicateKey, type GrantSpec } from "./kms-calls";
import { pickPolicyStyle, renderPolicy } from "./policy-render";
import { describeDrift, type WorldDrift } from "./world-drift";
import type { WorldWriter } from "./writer";

/** Each planter makes one real change in one region, as a named actor, and says what it planted. */

export {
  plantAdminGranted,
  plantDenyRemoved,
  plantUnreadablePolicy,
  plantWiderPolicy,
} from "./plant-policy-drifts";

export function plantExtraGrant(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
  grant: GrantSpec,
): WorldDrift {
  const { time } = createGrant(w, actor, region, findMember(family, region).keyId, grant);
  return describeDrift(
    family,
    region,
    "grants",
    "high",
    `extra grant ${grant.name} gives ${grant.grantee} ${grant.operations.join(", ")}`,
    { actor, eventName: "CreateGrant", time },
  );
}

export function plantMissingAlias(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
): WorldDrift {
  const { time } = w.call(actor, region, "DeleteAlias", { AliasName: `alias/${family.spec.name}` });
  return describeDrift(
    family,
    region,
    "aliases",
    "medium",
    `alias/${family.spec.name} exists only outside ${region}`,
    { actor, eventName: "DeleteAlias", time },
  );
}

export function plantDisabledKey(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
): WorldDrift {
  const member = findMember(family, region);
  const { time } = w.call(actor, region, "DisableKey", { KeyId: member.keyId });
  member.usable = false;
  return describeDrift(
    family,
    region,
    "state",
    "high",
    "replica Disabled while the reference is Enabled",
    { actor, eventName: "DisableKey", time },
  );
}

export function plantPendingDeletion(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
): WorldDrift {
  const member = findMember(family, region);
  const { time } = w.call(actor, region, "ScheduleKeyDeletion", {
    KeyId: member.keyId,
    PendingWindowInDays: 30,
  });
  member.usable = false;
  return describeDrift(
    family,
    region,
    "state",
    "high",
    "replica PendingDeletion while the reference is Enabled",
    { actor, eventName: "ScheduleKeyDeletion", time },
  );
}

export function plantDescription(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
  text: string,
): WorldDrift {
  const { time } = w.call(actor, region, "UpdateKeyDescription", {
    KeyId: findMember(family, region).keyId,
    Description: text,
  });
  return describeDrift(
    family,
    region,
    "description",
    "low",
    `description changed to ${JSON.stringify(text)}`,
    { actor, eventName: "UpdateKeyDescription", time },
  );
}

export function plantTag(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
  key: string,
  value: string,
): WorldDrift {
  const { time } = w.call(actor, region, "TagResource", {
    KeyId: findMember(family, region).keyId,
    Tags: [{ TagKey: key, TagValue: value }],
  });
  const verb = key in family.spec.tags ? "changed" : "added";
  return describeDrift(
    family,
    region,
    "tags",
    "low",
    `tag ${key} ${verb} (${JSON.stringify(value)})`,
    { actor, eventName: "TagResource", time },
  );
}

export function plantUntag(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
  key: string,
): WorldDrift {
  const { time } = w.call(actor, region, "UntagResource", {
    KeyId: findMember(family, region).keyId,
    TagKeys: [key],
  });
  return describeDrift(family, region, "tags", "low", `tag ${key} removed`, {
    actor,
    eventName: "UntagResource",
    time,
  });
}

/** Alias families only: independent keys, so rotation may really differ. */
export function plantRotationOff(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
): WorldDrift {
  const { time } = w.call(actor, region, "DisableKeyRotation", {
    KeyId: findMember(family, region).keyId,
  });
  return describeDrift(
    family,
    region,
    "rotation",
    "medium",
    "automatic rotation disabled in one key of the alias family",
    { actor, eventName: "DisableKeyRotation", time },
  );
}

/** A replica in a region the family's residency rule does not allow, complete and otherwise in sync. */
export function plantResidencyReplica(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
): WorldDrift {
  const primary = findMember(family, family.referenceRegion);
  const style = pickPolicyStyle(w.random, "key-policy-1");
  const replica = replicateKey(w, actor, primary.region, primary.keyId, region, {
    policy: renderPolicy(primary.parts, style, family.spec.account, region),
    description: family.spec.description,
    tags: family.spec.tags,
  });
  family.members.push({
    region,
    keyId: replica.keyId,
    arn: replica.arn,
    createdAt: replica.time,
    createdBy: { actor, eventName: "ReplicateKey", time: replica.time },
    parts: [...primary.parts],
    style,
    usable: true,
  });
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
}

import type { Actor } from "./actors";
import { findMember, type Family } from "./family";
import {
  adminAllPart,
  denyPolicyReadPart,
  extraDecryptPart,
  type PolicyPart,
} from "./policy-parts";
import { renderPolicy } from "./policy-render";
import { describeDrift, type WorldDrift } from "./world-drift";
import type { WorldWriter } from "./writer";

/** Key-policy drifts: one PutKeyPolicy in one region, keeping that region's own style. */

export function putPolicy(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
  parts: PolicyPart[],
): Date {
  const member = findMember(family, region);
  member.parts = parts;
  const policy = renderPolicy(parts, member.style, family.spec.account, region);
  return w.call(actor, region, "PutKeyPolicy", {
    KeyId: member.keyId,
    PolicyName: "default",
    Policy: policy,
  }).time;
}

export function plantWiderPolicy(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
  principal: string,
): WorldDrift {
  const member = findMember(family, region);
  const time = putPolicy(w, family, region, actor, [...member.parts, extraDecryptPart(principal)]);
  return describeDrift(
    family,
    region,
    "policy",
    "high",
    `policy lets ${principal} call kms:Decrypt (not in the reference)`,
    { actor, eventName: "PutKeyPolicy", time },
  );
}

export function plantDenyRemoved(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
): WorldDrift {
  const member = findMember(family, region);
  if (!member.parts.some((p) => p.key === "deny-delete"))
    throw new Error(`${family.id} has no Deny statement to remove`);
  const time = putPolicy(
    w,
    family,
    region,
    actor,
    member.parts.filter((p) => p.key !== "deny-delete"),
  );
  return describeDrift(
    family,
    region,
    "policy",
    "critical",
    "the Deny on ScheduleKeyDeletion/DisableKey was removed",
    { actor, eventName: "PutKeyPolicy", time },
  );
}

export function plantAdminGranted(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
  principal: string,
): WorldDrift {
  const member = findMember(family, region);
  const time = putPolicy(w, family, region, actor, [...member.parts, adminAllPart(principal)]);
  return describeDrift(
    family,
    region,
    "policy",
    "critical",
    `policy grants kms:* to ${principal}`,
    { actor, eventName: "PutKeyPolicy", time },
  );
}

export function plantUnreadablePolicy(
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
): WorldDrift {
  const member = findMember(family, region);
  const time = putPolicy(w, family, region, actor, [...member.parts, denyPolicyReadPart()]);
  return describeDrift(
    family,
    region,
    "readability",
    "medium",
    "policy denies kms:GetKeyPolicy to everyone (AccessDenied when read)",
    { actor, eventName: "PutKeyPolicy", time },
  );
}

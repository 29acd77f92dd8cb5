import type { Actor } from "./actors";
import { findMember, type Family } from "./family";
import {
  adminAllPart,
  denyPolicyReadPart,
  extraDecryptPart,
  type PolicyPart,
} from "./policy-parts";
import { renderPolicy } from "./policy-render";
import { describeDrift, type Planter, type WorldDrift } from "./world-drift";
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

/** The drift one PutKeyPolicy plants: the region's policy with `part` added. */
function plantAddedPart(
  w: WorldWriter,
  target: { family: Family; region: string; actor: Actor },
  part: PolicyPart,
  drift: { property: string; severity: WorldDrift["expectedSeverity"]; description: string },
): WorldDrift {
  const { family, region, actor } = target;
  const member = findMember(family, region);
  const time = putPolicy(w, family, region, actor, [...member.parts, part]);
  return describeDrift(family, region, drift.property, drift.severity, drift.description, {
    actor,
    eventName: "PutKeyPolicy",
    time,
  });
}

export const plantWiderPolicy: Planter<[principal: string]> = (
  w,
  family,
  region,
  actor,
  principal,
) => {
  return plantAddedPart(w, { family, region, actor }, extraDecryptPart(principal), {
    property: "policy",
    severity: "high",
    description: `policy lets ${principal} call kms:Decrypt (not in the reference)`,
  });
};

export const plantDenyRemoved: Planter = (w, family, region, actor) => {
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
};

export const plantAdminGranted: Planter<[principal: string]> = (
  w,
  family,
  region,
  actor,
  principal,
) => {
  return plantAddedPart(w, { family, region, actor }, adminAllPart(principal), {
    property: "policy",
    severity: "critical",
    description: `policy grants kms:* to ${principal}`,
  });
};

export const plantUnreadablePolicy: Planter = (w, family, region, actor) => {
  return plantAddedPart(w, { family, region, actor }, denyPolicyReadPart(), {
    property: "readability",
    severity: "medium",
    description: "policy denies kms:GetKeyPolicy to everyone (AccessDenied when read)",
  });
};

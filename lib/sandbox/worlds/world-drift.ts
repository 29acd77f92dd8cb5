import type { PlantedDrift } from "../types";
import type { Actor } from "./actors";
import { formatEventTime } from "./clock";
import type { Family } from "./family";
import type { WorldWriter } from "./writer";

/**
 * A planted drift as the manifest lists it. Two additive fields beyond `PlantedDrift`:
 * `dependsOnConfig` names the config entry without which the drift is not reported
 * (residency, expectedReplicas), and `waiver` says which configured waiver covers it.
 */
export interface WorldDrift extends PlantedDrift {
  dependsOnConfig?: string;
  waiver?: { state: "active" | "expired"; config: string };
}

/** One real change to a family in one region, made by a named actor, and the drift it plants. */
export type Planter<Args extends unknown[] = []> = (
  w: WorldWriter,
  family: Family,
  region: string,
  actor: Actor,
  ...args: Args
) => WorldDrift;

export function describeDrift(
  family: Family,
  region: string,
  property: PlantedDrift["property"],
  expectedSeverity: PlantedDrift["expectedSeverity"],
  description: string,
  cause?: { actor: Actor; eventName: string; time: Date },
): WorldDrift {
  const member = family.members.find((m) => m.region === region);
  return {
    familyId: family.id,
    kind: family.spec.kind,
    keyId: member?.keyId ?? family.members[0]?.keyId ?? "",
    account: family.spec.account,
    region,
    referenceRegion: family.referenceRegion,
    property,
    expectedSeverity,
    description,
    ...(cause
      ? {
          actor: cause.actor.principalArn,
          eventName: cause.eventName,
          eventTime: formatEventTime(cause.time),
        }
      : {}),
  };
}

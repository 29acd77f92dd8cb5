import type { Actor } from "./actors";
import { PARTNER_ACCOUNT } from "./cast";
import type { Family } from "./family";
import * as plant from "./plant-drifts";
import type { WorldDrift } from "./world-drift";
import type { WorldWriter } from "./writer";

/** The people a generated estate's drifts come from (in the family's own account). */
export interface DriftActors {
  alice: Actor;
  bob: Actor;
  mallory: Actor;
}

type Planter = (w: WorldWriter, family: Family, region: string, actors: DriftActors) => WorldDrift;

/** Drifts that need nothing but the family itself, taken in rotation by the generated worlds. */
const PLANTERS: { multiRegionOnly?: boolean; apply: Planter }[] = [
  {
    apply: (w, f, r, a) =>
      plant.plantWiderPolicy(w, f, r, a.mallory, `arn:aws:iam::${PARTNER_ACCOUNT}:root`),
  },
  {
    apply: (w, f, r, a) =>
      plant.plantExtraGrant(w, f, r, a.mallory, {
        name: "debug",
        grantee: a.mallory.principalArn,
        operations: ["Decrypt"],
      }),
  },
  { multiRegionOnly: true, apply: (w, f, r, a) => plant.plantMissingAlias(w, f, r, a.alice) },
  { apply: (w, f, r, a) => plant.plantDisabledKey(w, f, r, a.bob) },
  { apply: (w, f, r, a) => plant.plantDescription(w, f, r, a.alice, "changed by hand") },
  { apply: (w, f, r, a) => plant.plantTag(w, f, r, a.alice, "cost-center", "cc-4711") },
  { apply: (w, f, r, a) => plant.plantUntag(w, f, r, a.bob, "owner") },
];

/** Plants the `turn`-th drift of the rotation (skipping planters the family cannot take). */
export function plantInRotation(
  w: WorldWriter,
  family: Family,
  region: string,
  actors: DriftActors,
  turn: number,
): WorldDrift {
  const usable = PLANTERS.filter((p) => !p.multiRegionOnly || family.spec.kind === "multi-region");
  const planter = usable[turn % usable.length];
  if (!planter) throw new Error("no drift planter fits the family");
  return planter.apply(w, family, region, actors);
}

import type { Cast } from "./cast";
import { DEMO_ACCOUNT, PARTNER_ACCOUNT } from "./cast";
import { listDriftableRegions, type Family } from "./family";
import * as plant from "./plant-drifts";
import type { WorldDrift } from "./world-drift";
import type { WorldWriter } from "./writer";

/** One planned change: which family it lands on and what it does there. */
export interface DriftStep {
  family: Family;
  apply(w: WorldWriter, family: Family, region: string): WorldDrift;
  /** The region to change; default: a random non-reference region of the family. */
  region?: string;
}

const hasDenyStatement = (f: Family) => f.spec.parts.some((p) => p.key === "deny-delete");

/** Takes the first family matching `accept` out of `pool` (so each drift gets its own family). */
function take(pool: Family[], accept: (f: Family) => boolean = () => true): Family {
  const index = pool.findIndex(accept);
  const family = pool[index];
  if (index < 0 || family === undefined)
    throw new Error("demo world: not enough generated families for the drift plan");
  pool.splice(index, 1);
  return family;
}

/** Drifts on generated multi-Region families: every independent property at least once. */
export function planMultiRegionDrifts(cast: Cast, pool: Family[]): DriftStep[] {
  const plain = (f: Family) => !hasDenyStatement(f);
  return [
    {
      family: take(pool, plain),
      apply: (w, f, r) => plant.plantWiderPolicy(w, f, r, cast.mallory, cast.mallory.principalArn),
    },
    {
      family: take(pool, plain),
      apply: (w, f, r) =>
        plant.plantWiderPolicy(w, f, r, cast.alice, `arn:aws:iam::${PARTNER_ACCOUNT}:root`),
    },
    {
      family: take(pool, hasDenyStatement),
      apply: (w, f, r) => plant.plantDenyRemoved(w, f, r, cast.bob),
    },
    {
      family: take(pool, plain),
      apply: (w, f, r) =>
        plant.plantAdminGranted(
          w,
          f,
          r,
          cast.breakGlass,
          `arn:aws:iam::${DEMO_ACCOUNT}:role/contractor-admin`,
        ),
    },
    {
      family: take(pool, plain),
      apply: (w, f, r) => plant.plantUnreadablePolicy(w, f, r, cast.breakGlass),
    },
    {
      family: take(pool, plain),
      apply: (w, f, r) =>
        plant.plantExtraGrant(w, f, r, cast.mallory, {
          name: "debug",
          grantee: cast.mallory.principalArn,
          operations: ["Decrypt", "GenerateDataKey"],
        }),
    },
    {
      family: take(pool, plain),
      apply: (w, f, r) =>
        plant.plantExtraGrant(w, f, r, cast.terraform, {
          name: "batch-reader",
          grantee: `arn:aws:iam::${DEMO_ACCOUNT}:role/batch-reader`,
          operations: ["Decrypt"],
          constraints: { EncryptionContextSubset: { job: "nightly-export" } },
        }),
    },
    { family: take(pool, plain), apply: (w, f, r) => plant.plantMissingAlias(w, f, r, cast.alice) },
    { family: take(pool, plain), apply: (w, f, r) => plant.plantDisabledKey(w, f, r, cast.bob) },
    {
      family: take(pool, plain),
      apply: (w, f, r) => plant.plantPendingDeletion(w, f, r, cast.mallory),
    },
    {
      family: take(pool, plain),
      apply: (w, f, r) =>
        plant.plantDescription(w, f, r, cast.alice, "temporary key for the migration - do not use"),
    },
    {
      family: take(pool, plain),
      apply: (w, f, r) =>
        plant.plantDescription(w, f, r, cast.mallory, '"><img src=x onerror=alert(1)>'),
    },
    {
      family: take(pool, plain),
      apply: (w, f, r) =>
        plant.plantTag(w, f, r, cast.alice, "temp-access", "<script>alert(1)</script>"),
    },
    { family: take(pool, plain), apply: (w, f, r) => plant.plantUntag(w, f, r, cast.bob, "owner") },
    {
      family: take(pool, plain),
      apply: (w, f, r) =>
        plant.plantTag(
          w,
          f,
          r,
          cast.terraform,
          "env",
          f.spec.tags.env === "prod" ? "staging" : "prod",
        ),
    },
  ];
}

export function pickDriftRegion(w: WorldWriter, step: DriftStep): string {
  return step.region ?? w.random.pick(listDriftableRegions(step.family));
}

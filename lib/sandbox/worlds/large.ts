import type { SandboxApi, WorldManifest, WorldOptions } from "../types";
import { DEMO_ACCOUNT, PARTNER_ACCOUNT, type Cast } from "./cast";
import { listDriftableRegions, type Family, type FamilySpec } from "./family";
import { pickRegions, planFamily } from "./family-specs";
import { ALIAS_FAMILY_NAMES, MULTI_REGION_NAMES } from "./names";
import * as plant from "./plant-drifts";
import type { Random } from "./random";
import { addReadEvents } from "./read-events";
import { ENABLED_REGIONS, NOT_ENABLED_REGIONS } from "./regions";
import {
  beginWorld,
  createFamiliesOverWindow,
  dayOf,
  listReadTargets,
  runOverWindow,
} from "./setup";
import type { WorldDrift } from "./world-drift";
import { buildManifest } from "./world-result";
import type { WorldWriter } from "./writer";

const DEFAULT_KEYS = 2000;
/** One family in this many carries a drift. */
const DRIFT_EVERY = 40;

type Planter = (w: WorldWriter, family: Family, region: string, cast: Cast) => WorldDrift;

/** Drifts that need nothing but the family itself, in rotation. */
const PLANTERS: { multiRegionOnly?: boolean; apply: Planter }[] = [
  {
    apply: (w, f, r, c) =>
      plant.plantWiderPolicy(w, f, r, c.mallory, `arn:aws:iam::${PARTNER_ACCOUNT}:root`),
  },
  {
    apply: (w, f, r, c) =>
      plant.plantExtraGrant(w, f, r, c.mallory, {
        name: "debug",
        grantee: c.mallory.principalArn,
        operations: ["Decrypt"],
      }),
  },
  { multiRegionOnly: true, apply: (w, f, r, c) => plant.plantMissingAlias(w, f, r, c.alice) },
  { apply: (w, f, r, c) => plant.plantDisabledKey(w, f, r, c.bob) },
  { apply: (w, f, r, c) => plant.plantDescription(w, f, r, c.alice, "changed by hand") },
  { apply: (w, f, r, c) => plant.plantTag(w, f, r, c.alice, "cost-center", "cc-4711") },
  { apply: (w, f, r, c) => plant.plantUntag(w, f, r, c.bob, "owner") },
];

/** Family specs until `keys` customer keys: 60 % in multi-Region families, the rest in alias families. */
function planLargeFamilies(random: Random, cast: Cast, keys: number): FamilySpec[] {
  const specs: FamilySpec[] = [];
  let remaining = keys;
  for (let n = 0; remaining > 0; n++) {
    const kind = random.chance(0.6) ? "multi-region" : "alias";
    const size = Math.min(remaining, random.int(2, 4));
    const base =
      kind === "multi-region" ? random.pick(MULTI_REGION_NAMES) : random.pick(ALIAS_FAMILY_NAMES);
    // Family of one key: a lone multi-Region primary, still a (trivially in-sync) family.
    specs.push(
      planFamily(random, {
        account: DEMO_ACCOUNT,
        kind: size === 1 ? "multi-region" : kind,
        name: `${base}-${n.toString().padStart(5, "0")}`,
        regions: pickRegions(random, ENABLED_REGIONS, size),
        creator: cast.terraform,
        policy: {
          logs: random.chance(0.4),
          s3: random.chance(0.4),
          persistentGrants: random.chance(0.3),
        },
        // Fewer grants than the demo: each is one more call per key at start-up.
        grantShare: 0.15,
      }),
    );
    remaining -= size;
  }
  return specs;
}

/** The benchmark estate: `options.keys` customer keys, mostly in sync, a small share drifted. */
export function buildLargeWorld(api: SandboxApi, options: WorldOptions): WorldManifest {
  const { random, start, w, cast } = beginWorld(api, options);
  const specs = planLargeFamilies(random, cast, options.keys ?? DEFAULT_KEYS);
  const families = [
    ...createFamiliesOverWindow(w, specs, dayOf(start, 0.1), dayOf(start, 20)).values(),
  ];

  const targets = families.filter(
    (f, i) => i % DRIFT_EVERY === DRIFT_EVERY - 1 && f.members.length > 1,
  );
  const steps = targets.map((family, i) => () => {
    const usable = PLANTERS.filter(
      (p) => !p.multiRegionOnly || family.spec.kind === "multi-region",
    );
    const planter = usable[i % usable.length];
    if (!planter) throw new Error("large world: no planter");
    return planter.apply(w, family, random.pick(listDriftableRegions(family)), cast);
  });
  const drifts = runOverWindow(w, steps, dayOf(start, 21), dayOf(start, 29.5));
  const drifted = new Set(drifts.map((d) => d.familyId));
  const readEvents = addReadEvents(
    api,
    random,
    listReadTargets(families),
    options.readEvents ?? 0,
    options.anchor,
  );

  return buildManifest(
    {
      world: "large",
      seed: options.seed,
      anchor: options.anchor.toISOString(),
      accounts: [{ id: DEMO_ACCOUNT, accessKeyId: cast.auditor.accessKeyId }],
      enabledRegions: [...ENABLED_REGIONS],
      notEnabledRegions: [...NOT_ENABLED_REGIONS],
    },
    {
      families,
      drifts,
      inSync: families.filter((f) => !drifted.has(f.id)),
      awsManagedKeys: 0,
      otherKeys: 0,
      managementCalls: w.callCount,
      readEvents,
    },
  );
}

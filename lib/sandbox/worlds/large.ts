import type { SandboxApi, WorldManifest, WorldOptions } from "../types";
import { DEMO_ACCOUNT, type Cast } from "./cast";
import { listDriftableRegions, type FamilySpec } from "./family";
import { pickRegions, planFamily } from "./family-specs";
import { ALIAS_FAMILY_NAMES, MULTI_REGION_NAMES } from "./names";
import type { Random } from "./random";
import { ENABLED_REGIONS, NOT_ENABLED_REGIONS } from "./regions";
import { plantInRotation } from "./rotating-planters";
import { beginWorld, createFamiliesOverWindow, dayOf, plantDriftsThenReads } from "./setup";
import { buildManifest, tallyGeneratedEstate } from "./world-result";

const DEFAULT_KEYS = 2000;
/** One family in this many carries a drift. */
const DRIFT_EVERY = 40;

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
  const steps = targets.map(
    (family, i) => () =>
      plantInRotation(w, family, random.pick(listDriftableRegions(family)), cast, i),
  );
  const { drifts, readEvents } = plantDriftsThenReads(w, start, families, steps, options);

  return buildManifest(
    {
      world: "large",
      seed: options.seed,
      anchor: options.anchor.toISOString(),
      accounts: [{ id: DEMO_ACCOUNT, accessKeyId: cast.auditor.accessKeyId }],
      enabledRegions: [...ENABLED_REGIONS],
      notEnabledRegions: [...NOT_ENABLED_REGIONS],
    },
    tallyGeneratedEstate(families, drifts, w.callCount, readEvents),
  );
}

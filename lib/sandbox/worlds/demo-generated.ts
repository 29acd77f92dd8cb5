import { DEMO_ACCOUNT, type Cast } from "./cast";
import type { FamilySpec } from "./family";
import { pickRegions, planFamily } from "./family-specs";
import { ALIAS_FAMILY_NAMES, MULTI_REGION_NAMES } from "./names";
import type { Random } from "./random";
import { ENABLED_REGIONS } from "./regions";

const GENERATED_MULTI_REGION = 44;
const GENERATED_ALIAS = 12;

/** The demo's bulk: typical IaC families with names and regions drawn from the seed. */
export function planGeneratedFamilies(
  random: Random,
  cast: Cast,
): { multiRegion: FamilySpec[]; alias: FamilySpec[] } {
  const multiRegion = random
    .shuffle(MULTI_REGION_NAMES)
    .slice(0, GENERATED_MULTI_REGION)
    .map((name, i) =>
      planFamily(random, {
        account: DEMO_ACCOUNT,
        kind: "multi-region",
        name,
        regions: pickRegions(random, ENABLED_REGIONS, random.int(2, 5)),
        creator: cast.terraform,
        // The first carries every regional statement and the Deny that one drift removes.
        ...(i === 0
          ? { policy: { logs: true, s3: true, persistentGrants: true, denyDelete: true } }
          : {}),
      }),
    );
  const alias = random
    .shuffle(ALIAS_FAMILY_NAMES)
    .slice(0, GENERATED_ALIAS)
    .map((name) =>
      planFamily(random, {
        account: DEMO_ACCOUNT,
        kind: "alias",
        name,
        regions: pickRegions(random, ENABLED_REGIONS, random.int(2, 4)),
        creator: cast.terraform,
      }),
    );
  return { multiRegion, alias };
}

import type { SandboxApi, WorldManifest, WorldOptions } from "../types";
import { createCast, DEMO_ACCOUNT } from "./cast";
import { daysBefore } from "./clock";
import { createRandom } from "./random";
import { addReadEvents, type ReadTarget } from "./read-events";
import { ENABLED_REGIONS, NOT_ENABLED_REGIONS } from "./regions";
import { buildManifest } from "./world-result";

/**
 * No keys. With `readEvents`, the history still holds that many read events — against keys that
 * were deleted before the window (so a trail benchmark can run on an empty estate).
 */
export function buildEmptyWorld(api: SandboxApi, options: WorldOptions): WorldManifest {
  const random = createRandom(options.seed);
  const cast = createCast(api);
  const since = daysBefore(options.anchor, 30);
  const targets: ReadTarget[] = ENABLED_REGIONS.slice(0, 3).map((region) => ({
    account: DEMO_ACCOUNT,
    region,
    arn: `arn:aws:kms:${region}:${DEMO_ACCOUNT}:key/${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-8${random.hex(3)}-${random.hex(12)}`,
    app: "retired",
    since,
  }));
  const readEvents = addReadEvents(api, random, targets, options.readEvents ?? 0, options.anchor);
  return buildManifest(
    {
      world: "empty",
      seed: options.seed,
      anchor: options.anchor.toISOString(),
      accounts: [{ id: DEMO_ACCOUNT, accessKeyId: cast.auditor.accessKeyId }],
      enabledRegions: [...ENABLED_REGIONS],
      notEnabledRegions: [...NOT_ENABLED_REGIONS],
    },
    {
      families: [],
      drifts: [],
      inSync: [],
      awsManagedKeys: 0,
      otherKeys: 0,
      managementCalls: 0,
      readEvents,
    },
  );
}

import type { SandboxApi, WorldManifest, WorldOptions } from "../types";
import { AUDIT_ROLE_ARN, defineSecondAccountRoles, DEMO_ACCOUNT, SECOND_ACCOUNT } from "./cast";
import { createClock } from "./clock";
import { planDemoFixedFamilies, planSecondAccountFamilies } from "./demo-families";
import { pickDriftRegion, planMultiRegionDrifts, type DriftStep } from "./demo-drifts";
import { decommission, describeCreationDrifts, planFixedDriftSteps } from "./demo-fixed-drifts";
import { planGeneratedFamilies } from "./demo-generated";
import { plantUnusedReplicas, planUsageFamilies } from "./demo-usage";
import type { Family, FamilySpec } from "./family";
import { createFamily } from "./create-family";
import { plantSameMeaning } from "./plant-same-meaning";
import { createRandom } from "./random";
import { addReadEvents } from "./read-events";
import { ENABLED_REGIONS, NOT_ENABLED_REGIONS } from "./regions";
import {
  beginWorld,
  createAwsManagedKeys,
  createFamiliesOverWindow,
  dayOf,
  listReadTargets,
  runOverWindow,
} from "./setup";
import { buildManifest, compareDrifts } from "./world-result";
import type { WorldDrift } from "./world-drift";
import { createWorldWriter } from "./writer";

const BASE_READ_EVENTS = 3000;
const USAGE_STREAM = 7919;

function familyOf(families: Map<FamilySpec, Family>, spec: FamilySpec): Family {
  const family = families.get(spec);
  if (!family) throw new Error(`demo world: family ${spec.name} was not created`);
  return family;
}

/** The demo estate: two accounts, every kind of drift, 30 days of CloudTrail history. */
export function buildDemoWorld(api: SandboxApi, options: WorldOptions): WorldManifest {
  const { random, start, w, cast } = beginWorld(api, options);
  defineSecondAccountRoles(api);

  const awsManagedKeys = createAwsManagedKeys(w, cast.terraform, {
    s3: ["us-east-1", "eu-west-1", "us-west-2", "ap-northeast-1", "eu-central-1"],
    ebs: ["us-east-1", "us-east-2", "eu-west-1", "ap-southeast-2"],
    rds: ["us-east-1", "eu-west-1", "ca-central-1"],
    lambda: ["us-east-1", "eu-north-1"],
  });

  const fixed = planDemoFixedFamilies(random, cast);
  const generated = planGeneratedFamilies(random, cast);
  const second = planSecondAccountFamilies(random, cast);
  // The last-use families draw from their own stream and clock, so the rest of the world (where
  // each drift lands) is what it was before they existed.
  const usageRandom = createRandom(options.seed + USAGE_STREAM);
  const uw = createWorldWriter(api, usageRandom, createClock(dayOf(start, 0.05), usageRandom));
  const usage = planUsageFamilies(usageRandom, cast);
  // KMS began tracking key use 20 days before the anchor: keys made earlier report that date.
  api.startUsageTracking(dayOf(start, 10));
  const archiveVault = createFamily(uw, usage.archiveVault);
  const specsA = random.shuffle([
    ...Object.values(fixed),
    ...generated.multiRegion,
    ...generated.alias,
  ]);
  const families = createFamiliesOverWindow(w, specsA, dayOf(start, 0.2), dayOf(start, 12));
  for (const [spec, family] of createFamiliesOverWindow(
    w,
    Object.values(second),
    dayOf(start, 12.2),
    dayOf(start, 13),
  )) {
    families.set(spec, family);
  }
  uw.clock.jumpTo(dayOf(start, 13.1));
  const drStandby = createFamily(uw, usage.drStandby);
  families.set(usage.archiveVault, archiveVault);
  families.set(usage.drStandby, drStandby);
  const unused = plantUnusedReplicas(archiveVault, drStandby);
  const get = (spec: FamilySpec) => familyOf(families, spec);

  w.clock.jumpTo(dayOf(start, 13.2));
  // A key in no family (what `readAllKeys` is for).
  w.call(cast.alice, "us-east-2", "CreateKey", {
    Description: "alice scratch key",
    Tags: [{ TagKey: "owner", TagValue: "alice" }],
  });

  const pool = generated.multiRegion.map(get);
  const steps: DriftStep[] = [
    ...planMultiRegionDrifts(cast, pool),
    ...planFixedDriftSteps(cast, get, fixed, second),
  ];
  const ordered = random.shuffle(steps);
  const legacy = get(fixed.legacySessions);
  const planted = runOverWindow<WorldDrift | WorldDrift[]>(
    w,
    [
      ...ordered.map((step) => () => step.apply(w, step.family, pickDriftRegion(w, step))),
      () => decommission(w, legacy, cast.bob),
    ],
    dayOf(start, 14),
    dayOf(start, 29.5),
  ).flat();

  // Rewrites that change nothing, on families nothing else touches.
  const touched = new Set(steps.map((s) => s.family.id));
  w.clock.jumpTo(dayOf(start, 29.6));
  const sameMeaning = plantSameMeaning(
    w,
    pool.filter((f) => !touched.has(f.id)),
    cast.terraform,
  );

  const drifts = [
    ...describeCreationDrifts(
      get(fixed.byokArchive),
      get(fixed.signingRsa),
      get(fixed.documentRsa),
      get(fixed.paymentsLedger),
    ),
    ...planted,
    ...unused.drifts,
  ].sort(compareDrifts);
  const drifted = new Set(drifts.map((d) => d.familyId));
  const all = [...families.values()];
  const readEvents = addReadEvents(
    api,
    random,
    listReadTargets(all).filter((t) => !unused.quiet.has(t.arn)),
    BASE_READ_EVENTS + (options.readEvents ?? 0),
    options.anchor,
    dayOf(start, 10),
  );

  return buildManifest(
    {
      world: "demo",
      seed: options.seed,
      anchor: options.anchor.toISOString(),
      accounts: [
        {
          id: DEMO_ACCOUNT,
          accessKeyId: cast.auditor.accessKeyId,
          note: "auditor: arn:aws:iam::111122223333:user/auditor (any other access key id is a user of this account too)",
        },
        {
          id: SECOND_ACCOUNT,
          accessKeyId: cast.secondAuditor.accessKeyId,
          roleArn: AUDIT_ROLE_ARN,
          note: "reach by AssumeRole from 111122223333 (role no-trust refuses everyone), or directly with this access key id",
        },
      ],
      enabledRegions: [...ENABLED_REGIONS],
      notEnabledRegions: [...NOT_ENABLED_REGIONS],
    },
    {
      families: all,
      drifts,
      inSync: all.filter((f) => !drifted.has(f.id)),
      sameMeaning,
      awsManagedKeys,
      otherKeys: 1,
      managementCalls: w.callCount + uw.callCount,
      readEvents,
    },
  );
}

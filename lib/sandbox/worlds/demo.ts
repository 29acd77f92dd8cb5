import type { SandboxApi, WorldManifest, WorldOptions } from "../types";
import {
  AUDIT_ROLE_ARN,
  createCast,
  defineSecondAccountRoles,
  DEMO_ACCOUNT,
  SECOND_ACCOUNT,
} from "./cast";
import { createClock, daysBefore } from "./clock";
import { planDemoFixedFamilies, planSecondAccountFamilies } from "./demo-families";
import { pickDriftRegion, planMultiRegionDrifts, type DriftStep } from "./demo-drifts";
import { decommission, describeCreationDrifts, planFixedDriftSteps } from "./demo-fixed-drifts";
import { planGeneratedFamilies } from "./demo-generated";
import type { Family, FamilySpec } from "./family";
import { plantSameMeaning } from "./plant-same-meaning";
import { createRandom } from "./random";
import { addReadEvents } from "./read-events";
import { ENABLED_REGIONS, NOT_ENABLED_REGIONS } from "./regions";
import {
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

function familyOf(families: Map<FamilySpec, Family>, spec: FamilySpec): Family {
  const family = families.get(spec);
  if (!family) throw new Error(`demo world: family ${spec.name} was not created`);
  return family;
}

/** The demo estate: two accounts, every kind of drift, 30 days of CloudTrail history. */
export function buildDemoWorld(api: SandboxApi, options: WorldOptions): WorldManifest {
  const random = createRandom(options.seed);
  const start = daysBefore(options.anchor, 30);
  const w = createWorldWriter(api, random, createClock(start, random));
  const cast = createCast(api);
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
  ].sort(compareDrifts);
  const drifted = new Set(drifts.map((d) => d.familyId));
  const all = [...families.values()];
  const readEvents = addReadEvents(
    api,
    random,
    listReadTargets(all),
    BASE_READ_EVENTS + (options.readEvents ?? 0),
    options.anchor,
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
      managementCalls: w.callCount,
      readEvents,
    },
  );
}

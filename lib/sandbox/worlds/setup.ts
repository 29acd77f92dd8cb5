import type { SandboxApi, WorldOptions } from "../types";
import type { Actor } from "./actors";
import { createCast, type Cast } from "./cast";
import { createClock, daysBefore } from "./clock";
import { createFamily } from "./create-family";
import type { Family, FamilySpec } from "./family";
import { createRandom, type Random } from "./random";
import { addReadEvents, type ReadTarget } from "./read-events";
import type { WorldDrift } from "./world-drift";
import { createWorldWriter, type WorldWriter } from "./writer";

const DAY_MS = 86_400_000;

/** What every world starts from: its seeded randomness, a writer whose clock starts 30 days before the anchor, and the cast. */
export function beginWorld(
  api: SandboxApi,
  options: WorldOptions,
): { random: Random; start: Date; w: WorldWriter; cast: Cast } {
  const random = createRandom(options.seed);
  const start = daysBefore(options.anchor, 30);
  const w = createWorldWriter(api, random, createClock(start, random));
  return { random, start, w, cast: createCast(api) };
}

/** Creates families one after another, spread evenly over [from, to). */
export function createFamiliesOverWindow(
  w: WorldWriter,
  specs: FamilySpec[],
  from: Date,
  to: Date,
): Map<FamilySpec, Family> {
  const families = new Map<FamilySpec, Family>();
  const slot = specs.length === 0 ? 0 : (to.getTime() - from.getTime()) / specs.length;
  specs.forEach((spec, i) => {
    w.clock.jumpTo(new Date(from.getTime() + i * slot));
    families.set(spec, createFamily(w, spec));
  });
  return families;
}

export function dayOf(start: Date, day: number): Date {
  return new Date(start.getTime() + day * DAY_MS);
}

/** Runs steps one after another, spread evenly over [from, to) with a little jitter. */
export function runOverWindow<T>(w: WorldWriter, steps: (() => T)[], from: Date, to: Date): T[] {
  const slot = steps.length === 0 ? 0 : (to.getTime() - from.getTime()) / steps.length;
  return steps.map((step, i) => {
    w.clock.jumpTo(new Date(from.getTime() + i * slot + w.random.int(0, Math.floor(slot / 3))));
    return step();
  });
}

/**
 * AWS managed keys appear when a service first uses them; DescribeKey on a predefined
 * `alias/aws/<service>` makes KMS create it (docs/aws-facts.md#aliases), as in AWS.
 */
export function createAwsManagedKeys(
  w: WorldWriter,
  actor: Actor,
  placements: Record<string, string[]>,
): number {
  let count = 0;
  for (const [service, regions] of Object.entries(placements)) {
    for (const region of regions) {
      w.call(actor, region, "DescribeKey", { KeyId: `alias/aws/${service}` });
      count++;
    }
  }
  return count;
}

export function listReadTargets(families: Iterable<Family>): ReadTarget[] {
  const targets: ReadTarget[] = [];
  for (const family of families) {
    for (const member of family.members) {
      if (!member.usable) continue;
      targets.push({
        account: family.spec.account,
        region: member.region,
        arn: member.arn,
        app: family.spec.app,
        since: member.createdAt,
      });
    }
  }
  return targets;
}

/**
 * The last stretch of a generated estate's history: the drift steps spread over days 21–29.5 of
 * the 30-day window, then `options.readEvents` uses of its keys.
 */
export function plantDriftsThenReads(
  w: WorldWriter,
  start: Date,
  families: Family[],
  steps: (() => WorldDrift)[],
  options: WorldOptions,
): { drifts: WorldDrift[]; readEvents: number } {
  const drifts = runOverWindow(w, steps, dayOf(start, 21), dayOf(start, 29.5));
  const readEvents = addReadEvents(
    w.api,
    w.random,
    listReadTargets(families),
    options.readEvents ?? 0,
    options.anchor,
  );
  return { drifts, readEvents };
}

import type { KmsDriftConfig } from "../config";
import type { RegionListing } from "../domain/region-listing";
import { planFamilies, regionKey, type FamilyPlan } from "../drift/families";
import type { ProgressTracker } from "./progress-tracker";
import { listPhase } from "./region-phases";
import type { RegionState } from "./region-state";
import type { ScanSession } from "./scan-session";

/** List: ListKeys + ListAliases of every (account, region) at once; each keeps its listing or its failure. */
export async function listStage(
  states: readonly RegionState[],
  session: ScanSession,
): Promise<void> {
  await Promise.all(states.map((state) => listPhase(state, session)));
}

/** The listings of the states that were listed. */
export function listingsOf(states: readonly RegionState[]): RegionListing[] {
  return states.flatMap((s) => (s.listing !== undefined ? [s.listing] : []));
}

/**
 * Plan: which keys to read, from the listings alone. A region that has no listing has nothing left
 * to do, so it counts as done once the plan (and so the number of keys to read) is known.
 */
export function planStage(
  states: readonly RegionState[],
  listings: RegionListing[],
  config: KmsDriftConfig,
  progress: ProgressTracker,
): FamilyPlan {
  const plan = planFamilies(listings, config);
  progress.planReads(
    states.map((s) => ({
      account: s.account,
      region: s.region,
      keys: plan.toRead.get(regionKey(s.account, s.region))?.length ?? 0,
    })),
  );
  for (const state of states)
    if (state.listing === undefined) progress.countRegionDone(state.account, state.region);
  return plan;
}

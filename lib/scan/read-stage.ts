import type { KMSClient } from "@aws-sdk/client-kms";
import type { InFlightGate } from "../aws/in-flight-gate";
import type { RegionListing } from "../domain/region-listing";
import { regionKey, type FamilyPlan } from "../drift/families";
import { beforeDeadline } from "./deadline";
import type { ProgressTracker } from "./progress-tracker";
import { createRotationRule, readPhase } from "./region-phases";
import { failRegion, type RegionState } from "./region-state";
import type { ScanSession } from "./scan-session";
import { shareMultiRegionRotation } from "./share-rotation";

export interface ReadStageOptions {
  plan: FamilyPlan;
  listings: readonly RegionListing[];
  concurrency: number;
  readLastUse: boolean;
  /** Keys read at once over the whole scan, every (account, region) together. */
  keySlots: InFlightGate;
}

/**
 * Read: the planned keys of every listed region at once, into each region's records. Multi-Region
 * rotation is shared across each family afterwards (`shareRotationStage`), once every region is in.
 */
export async function readStage(
  states: RegionState[],
  session: ScanSession,
  progress: ProgressTracker,
  options: ReadStageOptions,
): Promise<void> {
  const listed = new Set(options.listings.map((l) => regionKey(l.account, l.region)));
  const readOptions = {
    concurrency: options.concurrency,
    shouldReadRotation: createRotationRule(listed),
    readLastUse: options.readLastUse,
    keySlots: options.keySlots,
  };
  await Promise.all(
    states.map(async (state) => {
      if (state.listing === undefined) return;
      await readPhase(state, session, {
        ...readOptions,
        toRead: options.plan.toRead.get(regionKey(state.account, state.region)) ?? [],
        onKeyRead: () => progress.countKeyRead(state.account, state.region),
      });
      // Thousands of account-regions' clients would otherwise live until the scan ends.
      session.pool.forget(state.account, state.region, "kms");
      progress.countRegionDone(state.account, state.region);
    }),
  );
}

/**
 * Multi-Region rotation is read in the primary's region only: copy it to every member, across
 * regions (so after every region's read, wherever it ran). Skipped past the deadline.
 */
export async function shareRotationStage(
  states: RegionState[],
  session: ScanSession,
): Promise<void> {
  if (session.signal.aborted) return;
  const clientFor = (record: { account: string; region: string }): KMSClient =>
    session.pool.kms(record.account, record.region);
  const shared = await beforeDeadline(
    shareMultiRegionRotation(
      states.flatMap((s) => s.records),
      clientFor,
    ),
    session.signal,
  ).catch(() => undefined);
  // A region whose shared-rotation read got no answer was not read after all.
  for (const { account, region, error } of shared?.value ?? []) {
    const state = states.find((s) => s.account === account && s.region === region);
    if (state) failRegion(state, "error", error.message, session.clock());
  }
}

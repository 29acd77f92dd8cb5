import type { ClientPool } from "../aws/client-pool";
import type { InFlightGate } from "../aws/in-flight-gate";
import {
  describeAwsError,
  errorName,
  isAnswerAboutResource,
  isNotEnabledError,
} from "../aws/errors";
import type { KeyMetadata } from "../domain/key-record";
import type { KeyRef } from "../domain/region-listing";
import { regionKey } from "../drift/families";
import { listRegion } from "../inventory/list-region";
import { ReadInterruptedError } from "../inventory/read-interrupted";
import { readRegion } from "../inventory/read-region";
import { beforeDeadline, DEADLINE_MESSAGE } from "./deadline";
import { failRegion, settleRegion, type RegionState } from "./region-state";

/*
 * SDK calls are sent without an abortSignal: with no per-call options the client reuses its resolved
 * middleware stack (`cacheMiddleware`), which roughly halves the SDK's CPU per call. The deadline
 * instead stops every paced wait (so no new request starts) and the phases stop waiting for
 * requests still in flight.
 */

export interface PhaseContext {
  pool: ClientPool;
  signal: AbortSignal;
  clock: () => number;
}

/** ListKeys + ListAliases of one (account, region); sets its listing or its failure. */
export async function listPhase(state: RegionState, ctx: PhaseContext): Promise<void> {
  const client = ctx.pool.kms(state.account, state.region);
  const outcome = await beforeDeadline(
    listRegion(client, state.account, state.region),
    ctx.signal,
  ).catch((error: unknown) => ({ value: { status: "failed" as const, error } }));
  if (outcome === undefined) return failRegion(state, "error", DEADLINE_MESSAGE, ctx.clock());
  const result = outcome.value;
  if (result.status === "failed") {
    if (isNotEnabledError(result.error)) {
      return failRegion(state, "not-enabled", "region not enabled for this account", ctx.clock());
    }
    return failRegion(
      state,
      "error",
      describeAwsError(result.error),
      ctx.clock(),
      !isAnswerAboutResource(result.error),
    );
  }
  state.listing = result.listing;
  if (result.status === "partial") {
    state.status = "partial";
    state.error = `ListAliases failed (${errorName(result.error)}): every key's aliases here are unknown, and so is which alias families reach this region`;
  }
}

export interface ReadPhaseOptions {
  /** The planned keys of this (account, region). */
  toRead: KeyRef[];
  concurrency: number;
  shouldReadRotation: (metadata: KeyMetadata) => boolean;
  readLastUse: boolean;
  onKeyRead: () => void;
  /** Keys read at once over the whole scan (see readRegion). */
  keySlots?: InFlightGate;
}

/** Reads the planned keys of one listed (account, region); the rest become unaudited records. */
export async function readPhase(
  state: RegionState,
  ctx: PhaseContext,
  options: ReadPhaseOptions,
): Promise<void> {
  const listing = state.listing;
  if (listing === undefined) return;
  const work = readRegion({
    client: ctx.pool.kms(state.account, state.region),
    listing,
    toRead: options.toRead,
    concurrency: options.concurrency,
    shouldReadRotation: options.shouldReadRotation,
    readLastUse: options.readLastUse,
    onKeyRead: options.onKeyRead,
    signal: ctx.signal,
    ...(options.keySlots ? { keySlots: options.keySlots } : {}),
  });
  try {
    const outcome = await beforeDeadline(work, ctx.signal);
    if (outcome === undefined) return failRegion(state, "error", DEADLINE_MESSAGE, ctx.clock());
    state.records = outcome.value;
    settleRegion(state, ctx.clock());
  } catch (err) {
    const retryable = err instanceof ReadInterruptedError || !isAnswerAboutResource(err);
    failRegion(state, "error", describeReadFailure(err), ctx.clock(), retryable);
  }
}

/** Why a region's read phase failed, in one line. */
export function describeReadFailure(err: unknown): string {
  return err instanceof ReadInterruptedError ? err.message : describeAwsError(err);
}

/** MRK rotation is read in the primary's region only, unless that region was not listed. */
export function createRotationRule(listed: Set<string>): (metadata: KeyMetadata) => boolean {
  return (metadata) => {
    const mrc = metadata.MultiRegionConfiguration;
    if (!metadata.MultiRegion || mrc === undefined) return true;
    const primary = mrc.PrimaryKey?.Region;
    return (
      mrc.MultiRegionKeyType === "PRIMARY" ||
      primary === undefined ||
      !listed.has(regionKey(metadata.AWSAccountId, primary))
    );
  };
}

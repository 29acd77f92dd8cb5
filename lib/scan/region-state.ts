import type { KeyRecord } from "../domain/key-record";
import type { RegionScan, RegionStatus, TrailCoverage } from "../domain/snapshot";
import type { RegionListing } from "../domain/region-listing";
import type { RegionCallStats } from "../aws/region-pacer";

/** One (account, region) as the scan goes: listed, then read, or failed. */
export interface RegionState {
  account: string;
  region: string;
  status: RegionStatus | "pending";
  error?: string;
  listing?: RegionListing;
  records: KeyRecord[];
  startedMs: number;
  finishedMs?: number;
  /**
   * The failure got no answer (no connection, 5xx, throttled past the retries): trying again may
   * succeed. A worker retries such a shard; an answer (AccessDenied, not enabled) stands.
   */
  retryable?: boolean;
}

export function newRegionState(account: string, region: string, startedMs: number): RegionState {
  return { account, region, status: "pending", records: [], startedMs };
}

export function failRegion(
  state: RegionState,
  status: "error" | "not-enabled",
  error: string,
  nowMs: number,
  retryable = false,
): void {
  state.status = status;
  state.error = error;
  state.retryable = retryable;
  state.records = [];
  delete state.listing;
  state.finishedMs = nowMs;
}

/** After reading: partial when any property of any key could not be read (named in `error`). */
export function settleRegion(state: RegionState, nowMs: number): void {
  state.finishedMs = nowMs;
  if (state.status === "error" || state.status === "not-enabled") return;
  // A refused ListAliases is already named; it says nothing about each key's own properties.
  const failed = state.records.filter((r) => r.errors.some((e) => e.property !== "aliases"));
  if (failed.length === 0 && state.status !== "partial") {
    state.status = "ok";
    return;
  }
  state.status = "partial";
  if (failed.length > 0) {
    const codes = [
      ...new Set(
        failed.flatMap((r) => r.errors.filter((e) => e.property !== "aliases").map((e) => e.code)),
      ),
    ]
      .sort()
      .join(", ");
    const note = `${failed.length} of ${state.records.length} keys have unreadable properties (${codes})`;
    state.error = state.error === undefined ? note : `${state.error}; ${note}`;
  }
}

export function toRegionScan(
  state: RegionState,
  stats: RegionCallStats | undefined,
  trail: TrailCoverage,
): RegionScan {
  const status: RegionStatus = state.status === "pending" ? "error" : state.status;
  return {
    account: state.account,
    region: state.region,
    status,
    ...(state.error !== undefined ? { error: state.error } : {}),
    keyCount: state.records.length,
    apiCalls: stats?.calls ?? 0,
    throttledCalls: stats?.throttles ?? 0,
    durationMs: Math.round((state.finishedMs ?? state.startedMs) - state.startedMs),
    trail,
  };
}

import type { Family } from "../domain/family";
import type { KeyRecord } from "../domain/key-record";
import { type AccessModel, canUse } from "./access-model";
import { buildFamilyView, indexKeysByArn } from "./family-view";
import { KEY_USE_ACTIONS } from "../policy/kms-actions";
import { analysePolicy } from "./policy-analysis";
import { partitionOfArn } from "./region-text";

/** A principal that can use the key in the reference region but not in `region`: a failover would break it. */
export interface DrReadinessGap {
  principal: string;
  region: string;
  missing: string[];
  /** `policy`: the region's key policy does not let it; `key-state`: the region's key is not usable at all. */
  reason: "policy" | "key-state";
}

const USABLE_STATES = new Set(["Enabled", "Updating"]);

export function modelOf(record: KeyRecord): AccessModel | null {
  if (!record.policy) return null;
  return analysePolicy(record.policy, {
    region: record.region,
    partition: partitionOfArn(record.arn),
  }).model;
}

/** DR gaps of one region against the reference, from their access models and the region's key state. */
export function drGapsForRegion(
  reference: AccessModel,
  actual: AccessModel | null,
  region: string,
  keyState: string,
): DrReadinessGap[] {
  const gaps: DrReadinessGap[] = [];
  const stateOk = USABLE_STATES.has(keyState);
  for (const principal of [...reference.access.keys()].sort()) {
    const usable = KEY_USE_ACTIONS.filter((a) => canUse(reference, principal, a));
    const missing = stateOk
      ? usable.filter((a) => actual !== null && !canUse(actual, principal, a))
      : usable;
    if (missing.length > 0)
      gaps.push({ principal, region, missing, reason: stateOk ? "policy" : "key-state" });
  }
  return gaps;
}

/** Every DR gap of a family: principals that can use the key in its reference region but not elsewhere. */
export function drReadiness(family: Family, keys: KeyRecord[]): DrReadinessGap[] {
  const view = buildFamilyView(family, indexKeysByArn(keys));
  const refRecord = view.reference?.record;
  const refModel = refRecord ? modelOf(refRecord) : null;
  if (!refRecord || !refModel) return [];
  return view.members.flatMap(({ record }) =>
    record && record.region !== refRecord.region
      ? drGapsForRegion(refModel, modelOf(record), record.region, record.metadata.KeyState)
      : [],
  );
}

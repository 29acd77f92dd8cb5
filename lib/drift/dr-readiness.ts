import type { Family } from "../domain/family";
import type { DrReadinessGap } from "../domain/finding-detail";
import type { KeyRecord, PolicyDocument } from "../domain/key-record";
import { comparePolicies, type PolicyComparison } from "../policy/compare";
import type { KeyPlace } from "../policy/compile";
import { KEY_USE_ACTIONS } from "../policy/kms-actions";
import { buildFamilyView, indexKeysByArn } from "./family-view";
import { partitionOfArn } from "../domain/region-text";

const USABLE_STATES = new Set(["Enabled", "Updating"]);
const KEY_USE = new Set(KEY_USE_ACTIONS);
const NOTHING: PolicyDocument = { Version: "2012-10-17", Statement: [] };

export function placeOf(record: KeyRecord): KeyPlace {
  return {
    partition: partitionOfArn(record.arn),
    account: record.account,
    region: record.region,
    keyId: record.keyId,
  };
}

/** Key-use access a comparison says the actual side lost, per principal class. */
function lostKeyUse(
  comparison: PolicyComparison,
  region: string,
  reason: DrReadinessGap["reason"],
  keyState?: string,
): DrReadinessGap[] {
  const byPrincipal = new Map<string, Set<string>>();
  for (const e of comparison.delta) {
    if (e.change !== "lost" || !KEY_USE.has(e.action)) continue;
    let actions = byPrincipal.get(e.principal.label);
    if (!actions) byPrincipal.set(e.principal.label, (actions = new Set()));
    actions.add(e.action);
  }
  return [...byPrincipal]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([principal, actions]) => ({
      principal,
      region,
      missing: [...actions].sort(),
      reason,
      ...(keyState !== undefined ? { keyState } : {}),
    }));
}

/**
 * DR gaps of one region against the reference, decided by what the policies allow: principals that
 * can use the reference key (for data) but not this one. A key that is not usable fails everyone
 * the reference lets in.
 */
export function drGapsForRegion(
  reference: KeyRecord,
  actual: KeyRecord,
  comparison: PolicyComparison | null,
): DrReadinessGap[] {
  if (!reference.policy) return [];
  if (!USABLE_STATES.has(actual.metadata.KeyState)) {
    const everyone = comparePolicies(
      { policy: reference.policy, place: placeOf(reference) },
      { policy: NOTHING, place: placeOf(actual) },
    );
    return lostKeyUse(everyone, actual.region, "key-state", actual.metadata.KeyState);
  }
  return comparison ? lostKeyUse(comparison, actual.region, "policy") : [];
}

/** Every DR gap of a family: principals that can use the key in its reference region but not elsewhere. */
export function drReadiness(family: Family, keys: KeyRecord[]): DrReadinessGap[] {
  const view = buildFamilyView(family, indexKeysByArn(keys));
  const reference = view.reference?.record;
  if (!reference?.policy) return [];
  return view.members.flatMap(({ record }) => {
    if (!record || record.region === reference.region) return [];
    const comparison = record.policy
      ? comparePolicies(
          { policy: reference.policy as PolicyDocument, place: placeOf(reference) },
          { policy: record.policy, place: placeOf(record) },
        )
      : null;
    return drGapsForRegion(reference, record, comparison);
  });
}

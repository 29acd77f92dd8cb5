import { type AccessModel, type ActionAccess, type Qualifier, UNCONDITIONAL } from "./access-model";

/** What one principal gains or loses in a region versus the reference, under one set of conditions. */
export interface AccessDeltaEntry {
  principal: string;
  /** The conditions (and non-`*` resources) under which these actions hold; no conditions = always. */
  conditions: Qualifier;
  /** Allowed here, not in the reference. */
  gained: string[];
  /** Allowed in the reference, not here. */
  lost: string[];
  /** A Deny the reference has and this region does not: access gained. */
  denyRemoved: string[];
  /** A Deny this region has and the reference does not: access lost. */
  denyAdded: string[];
}

type Bucket = "gained" | "lost" | "denyRemoved" | "denyAdded";

const EMPTY: ActionAccess = { allow: new Map(), deny: new Map() };

/** The access delta of `actual` against `reference`, principal by principal, action by action. */
export function diffAccess(reference: AccessModel, actual: AccessModel): AccessDeltaEntry[] {
  const entries = new Map<string, AccessDeltaEntry>();
  const add = (
    principal: string,
    key: string,
    q: Qualifier,
    bucket: Bucket,
    action: string,
  ): void => {
    const id = `${principal}\u0000${key}`;
    let entry = entries.get(id);
    if (!entry) {
      entry = { principal, conditions: q, gained: [], lost: [], denyRemoved: [], denyAdded: [] };
      entries.set(id, entry);
    }
    entry[bucket].push(action);
  };
  const principals = new Set([...reference.access.keys(), ...actual.access.keys()]);
  for (const principal of principals) {
    const refActions = reference.access.get(principal) ?? new Map<string, ActionAccess>();
    const actActions = actual.access.get(principal) ?? new Map<string, ActionAccess>();
    for (const action of new Set([...refActions.keys(), ...actActions.keys()])) {
      const ref = refActions.get(action) ?? EMPTY;
      const act = actActions.get(action) ?? EMPTY;
      const deniedBoth = ref.deny.has(UNCONDITIONAL) && act.deny.has(UNCONDITIONAL);
      if (!deniedBoth) {
        // An unconditional Allow on one side already covers any conditional one on the other.
        if (!ref.allow.has(UNCONDITIONAL)) {
          for (const [k, q] of act.allow)
            if (!ref.allow.has(k)) add(principal, k, q, "gained", action);
        }
        if (!act.allow.has(UNCONDITIONAL)) {
          for (const [k, q] of ref.allow)
            if (!act.allow.has(k)) add(principal, k, q, "lost", action);
        }
      }
      for (const [k, q] of ref.deny)
        if (!act.deny.has(k)) add(principal, k, q, "denyRemoved", action);
      for (const [k, q] of act.deny)
        if (!ref.deny.has(k)) add(principal, k, q, "denyAdded", action);
    }
  }
  return [...entries.values()]
    .map((e) => ({
      ...e,
      gained: e.gained.sort(),
      lost: e.lost.sort(),
      denyRemoved: e.denyRemoved.sort(),
      denyAdded: e.denyAdded.sort(),
    }))
    .sort((a, b) => (a.principal === b.principal ? 0 : a.principal < b.principal ? -1 : 1));
}

export function isWider(entry: AccessDeltaEntry): boolean {
  return entry.gained.length > 0 || entry.denyRemoved.length > 0;
}

export function isNarrower(entry: AccessDeltaEntry): boolean {
  return entry.lost.length > 0 || entry.denyAdded.length > 0;
}

import type { AccountState, AliasRecord, RegionKey, RegionState } from "./model";

/** Accounts and their Regions, created on first touch. */
export interface StateStore {
  account(id: string): AccountState;
  region(account: string, region: string): RegionState;
  /** Regions that already hold state for the account. */
  regionsOf(account: string): RegionState[];
  /** Every key of every account and Region in pending deletion (the deletion sweep looks only here). */
  pendingDeletion: Set<RegionKey>;
  /**
   * When KMS began recording last usage (epoch ms). Uses before it are not recorded; keys created
   * earlier report it as their TrackingStartDate. 0: since the beginning of time.
   */
  usageTrackingStart: number;
}

export function createStateStore(): StateStore {
  const accounts = new Map<string, AccountState>();
  function account(id: string): AccountState {
    let state = accounts.get(id);
    if (!state) {
      state = { id, families: new Map(), regions: new Map() };
      accounts.set(id, state);
    }
    return state;
  }
  function region(accountId: string, regionName: string): RegionState {
    const owner = account(accountId);
    let state = owner.regions.get(regionName);
    if (!state) {
      state = {
        account: accountId,
        region: regionName,
        keys: [],
        keysById: new Map(),
        nextSeq: 0,
        aliases: new Map(),
        aliasNames: [],
        aliasNamesSorted: true,
        grantsByToken: new Map(),
      };
      owner.regions.set(regionName, state);
    }
    return state;
  }
  return {
    account,
    region,
    regionsOf: (id) => [...account(id).regions.values()],
    pendingDeletion: new Set(),
    usageTrackingStart: 0,
  };
}

export function insertKey(region: RegionState, key: RegionKey): void {
  region.keys.push(key);
  region.keysById.set(key.family.keyId, key);
}

export function removeKey(region: RegionState, key: RegionKey): void {
  const index = findFirstAtOrAfter(region.keys, key.seq);
  if (region.keys[index] === key) region.keys.splice(index, 1);
  region.keysById.delete(key.family.keyId);
  for (const grant of key.grants) region.grantsByToken.delete(grant.token);
  for (const name of key.aliases) removeAlias(region, name);
}

/** Index of the first key whose seq ≥ `seq` (binary search: markers never scan). */
export function findFirstAtOrAfter(keys: RegionKey[], seq: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const probe = keys[mid];
    if (probe !== undefined && probe.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first name ≥ `name` in a sorted array. */
export function findNameIndex(names: string[], name: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const probe = names[mid];
    if (probe !== undefined && probe < name) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The Region's alias names in order, sorting once after out-of-order inserts (bulk world building). */
export function sortedAliasNames(region: RegionState): string[] {
  if (!region.aliasNamesSorted) {
    region.aliasNames.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    region.aliasNamesSorted = true;
  }
  return region.aliasNames;
}

export function putAlias(region: RegionState, alias: AliasRecord): void {
  if (!region.aliases.has(alias.name)) {
    const last = region.aliasNames[region.aliasNames.length - 1];
    if (last !== undefined && last > alias.name) region.aliasNamesSorted = false;
    region.aliasNames.push(alias.name);
  }
  region.aliases.set(alias.name, alias);
}

export function removeAlias(region: RegionState, name: string): void {
  const alias = region.aliases.get(name);
  if (!alias) return;
  region.aliases.delete(name);
  const names = sortedAliasNames(region);
  const index = findNameIndex(names, name);
  if (names[index] === name) names.splice(index, 1);
  if (alias.targetKeyId) region.keysById.get(alias.targetKeyId)?.aliases.delete(name);
}

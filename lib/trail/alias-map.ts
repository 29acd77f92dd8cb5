import type { KeyRecord } from "../domain/key-record";

/** alias name → key id for one (account, region), from the inventory's KeyRecords. */
export function aliasMapFromKeys(
  keys: readonly KeyRecord[],
  account: string,
  region: string,
): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const key of keys) {
    if (key.account !== account || key.region !== region) continue;
    for (const alias of key.aliases ?? []) aliases.set(alias, key.keyId);
  }
  return aliases;
}

import type { KMSClient } from "@aws-sdk/client-kms";
import type { KeyMetadata, KeyRecord } from "../domain/key-record";
import type { KeyRef, RegionListing } from "../drift/families";
import { describeListedKey, readKey } from "./read-key";
import { runPool } from "./run-pool";

export interface ReadRegionInput {
  client: KMSClient;
  listing: RegionListing;
  /** Keys of this region to read in full; every other listed key is only described (audited: false). */
  toRead: KeyRef[];
  /** Keys read concurrently (each key reads up to four properties side by side). */
  concurrency: number;
  shouldReadRotation: (metadata: KeyMetadata) => boolean;
  readLastUse?: boolean;
  onKeyRead?: () => void;
}

/** Alias names per target key id, from the region's single ListAliases pass. */
export function indexAliases(aliases: RegionListing["aliases"]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const alias of aliases) {
    if (alias.targetKeyId === undefined) continue;
    index.set(alias.targetKeyId, [...(index.get(alias.targetKeyId) ?? []), alias.name]);
  }
  for (const names of index.values()) names.sort();
  return index;
}

/** One (account, region) → KeyRecord[]: the planned keys read, the rest described only. */
export async function readRegion(input: ReadRegionInput): Promise<KeyRecord[]> {
  const aliases = indexAliases(input.listing.aliases);
  const wanted = new Set(input.toRead.map((ref) => ref.arn));
  const read = await runPool(input.toRead, input.concurrency, async (ref) => {
    const record = await readKey(input.client, {
      ref,
      aliases: aliases.get(ref.keyId) ?? [],
      shouldReadRotation: input.shouldReadRotation,
      readLastUse: input.readLastUse ?? false,
    });
    input.onKeyRead?.();
    return record;
  });
  const others = input.listing.keys.filter((key) => !wanted.has(key.arn));
  const describedOnly = await runPool(others, input.concurrency, (key) =>
    describeListedKey(
      input.client,
      { account: input.listing.account, region: input.listing.region, ...key },
      aliases.get(key.keyId) ?? [],
    ),
  );
  return [...read, ...describedOnly].sort((a, b) => a.keyId.localeCompare(b.keyId));
}

import type { KMSClient } from "@aws-sdk/client-kms";
import type { InFlightGate } from "../aws/in-flight-gate";
import type { KeyMetadata, KeyRecord, ReadError } from "../domain/key-record";
import type { KeyRef, RegionListing } from "../domain/region-listing";
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
  /**
   * Keys being read at once over every region of the scan: at hundreds of accounts, every region's
   * `concurrency` keys would otherwise hold tens of thousands of requests in memory at once.
   */
  keySlots?: InFlightGate;
  signal?: AbortSignal;
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

/**
 * A key's aliases from the region's listing. When ListAliases was refused they are unknown for
 * every key: null, with the refusal as an `aliases` read error, never an empty list that would
 * read as "no alias" (a false "alias missing", an alias family that seems gone).
 */
function aliasesOf(listing: RegionListing, index: Map<string, string[]>) {
  const refused = listing.aliasesError;
  return (keyId: string): { aliases: string[] | null; errors: ReadError[] } =>
    refused === undefined
      ? { aliases: index.get(keyId) ?? [], errors: [] }
      : { aliases: null, errors: [{ property: "aliases", ...refused }] };
}

function withAliases(record: KeyRecord, known: ReturnType<ReturnType<typeof aliasesOf>>) {
  return known.errors.length === 0
    ? record
    : { ...record, aliases: known.aliases, errors: [...known.errors, ...record.errors] };
}

/** One (account, region) → KeyRecord[]: the planned keys read, the rest described only. */
export async function readRegion(input: ReadRegionInput): Promise<KeyRecord[]> {
  const aliasesFor = aliasesOf(input.listing, indexAliases(input.listing.aliases));
  const wanted = new Set(input.toRead.map((ref) => ref.arn));
  const inSlot = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await input.keySlots?.acquire(input.signal);
    try {
      return await work();
    } finally {
      release?.();
    }
  };
  const read = await runPool(input.toRead, input.concurrency, (ref) =>
    inSlot(async () => {
      const known = aliasesFor(ref.keyId);
      const record = await readKey(input.client, {
        ref,
        aliases: known.aliases,
        shouldReadRotation: input.shouldReadRotation,
        readLastUse: input.readLastUse ?? false,
      });
      input.onKeyRead?.();
      return withAliases(record, known);
    }),
  );
  const others = input.listing.keys.filter((key) => !wanted.has(key.arn));
  const describedOnly = await runPool(others, input.concurrency, (key) =>
    inSlot(async () => {
      const known = aliasesFor(key.keyId);
      const record = await describeListedKey(
        input.client,
        { account: input.listing.account, region: input.listing.region, ...key },
        known.aliases,
      );
      return withAliases(record, known);
    }),
  );
  return [...read, ...describedOnly].sort((a, b) => a.keyId.localeCompare(b.keyId));
}

import { ListAliasesCommand, ListKeysCommand, type KMSClient } from "@aws-sdk/client-kms";
import { errorMessage, errorName, isAnswerAboutResource } from "../aws/errors";
import type { RegionListing } from "../domain/region-listing";
import { collectPages } from "../aws/paginate";

/** ListKeys at its maximum page size: one call per 1000 keys. */
export function listKeys(client: KMSClient): Promise<RegionListing["keys"]> {
  return collectPages(async (marker) => {
    const out = await client.send(
      new ListKeysCommand({ Limit: 1000, ...(marker ? { Marker: marker } : {}) }),
    );
    const items = (out.Keys ?? []).flatMap((k) =>
      k.KeyId !== undefined && k.KeyArn !== undefined ? [{ keyId: k.KeyId, arn: k.KeyArn }] : [],
    );
    return { items, nextMarker: out.NextMarker };
  });
}

/** One ListAliases pass per region serves every key (Limit 100 is the documented maximum). */
export function listAliases(client: KMSClient): Promise<RegionListing["aliases"]> {
  return collectPages(async (marker) => {
    const out = await client.send(
      new ListAliasesCommand({ Limit: 100, ...(marker ? { Marker: marker } : {}) }),
    );
    const items = (out.Aliases ?? []).flatMap((a) =>
      a.AliasName === undefined
        ? []
        : [
            {
              name: a.AliasName,
              ...(a.TargetKeyId !== undefined ? { targetKeyId: a.TargetKeyId } : {}),
            },
          ],
    );
    return { items, nextMarker: out.NextMarker };
  });
}

export type ListingOutcome =
  | { status: "ok"; listing: RegionListing }
  /** Keys listed, aliases refused (AccessDenied…): which alias families reach here is unknown. */
  | { status: "partial"; listing: RegionListing; error: unknown }
  | { status: "failed"; error: unknown };

/** Lists keys and aliases of one (account, region) side by side. */
export async function listRegion(
  client: KMSClient,
  account: string,
  region: string,
): Promise<ListingOutcome> {
  const [keys, aliases] = await Promise.allSettled([listKeys(client), listAliases(client)]);
  if (keys.status === "rejected") return { status: "failed", error: keys.reason };
  // Only AWS's answer (AccessDenied…) leaves a usable partial listing; a failed request fails the region.
  if (aliases.status === "rejected" && !isAnswerAboutResource(aliases.reason))
    return { status: "failed", error: aliases.reason };
  if (aliases.status === "rejected")
    return {
      status: "partial",
      listing: {
        account,
        region,
        keys: keys.value,
        aliases: [],
        aliasesError: { code: errorName(aliases.reason), message: errorMessage(aliases.reason) },
      },
      error: aliases.reason,
    };
  return { status: "ok", listing: { account, region, keys: keys.value, aliases: aliases.value } };
}

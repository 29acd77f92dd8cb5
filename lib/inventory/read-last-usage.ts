import {
  GetKeyLastUsageCommand,
  type GetKeyLastUsageCommandOutput,
  type KMSClient,
} from "@aws-sdk/client-kms";
import type { KeyLastUse } from "../domain/key-record";

function iso(date: Date | undefined): string | undefined {
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * GetKeyLastUsage's answer → ours. `KeyLastUsage` is `{}` when KMS recorded no use since
 * TrackingStartDate, so a use counts only when it names its operation and time.
 */
export function toKeyLastUse(out: GetKeyLastUsageCommandOutput): KeyLastUse {
  const trackingStartDate = iso(out.TrackingStartDate) ?? iso(out.KeyCreationDate);
  if (trackingStartDate === undefined)
    throw new Error("GetKeyLastUsage returned no TrackingStartDate");
  const use = out.KeyLastUsage;
  const at = iso(use?.Timestamp);
  const keyCreationDate = iso(out.KeyCreationDate);
  return {
    trackingStartDate,
    ...(keyCreationDate !== undefined ? { keyCreationDate } : {}),
    lastUsed:
      use?.Operation !== undefined && at !== undefined
        ? {
            operation: use.Operation,
            at,
            ...(use.CloudTrailEventId ? { cloudTrailEventId: use.CloudTrailEventId } : {}),
            ...(use.KmsRequestId ? { kmsRequestId: use.KmsRequestId } : {}),
          }
        : null,
  };
}

/** One GetKeyLastUsage (a Get*, read-only; 5 requests/s per account and region, paced by the pool). */
export async function readLastUsage(client: KMSClient, keyId: string): Promise<KeyLastUse> {
  return toKeyLastUse(await client.send(new GetKeyLastUsageCommand({ KeyId: keyId })));
}

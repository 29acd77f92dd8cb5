import type { KMSClient } from "@aws-sdk/client-kms";
import type { KeyRecord } from "../domain/key-record";
import { errorMessage, errorName } from "../aws/errors";
import { isMultiRegionKeyId } from "../drift/families";
import { isVerdictOnKey, ReadInterruptedError } from "../inventory/read-interrupted";
import { readRotation, supportsRotation } from "../inventory/read-key";

/** A rotation read that got no answer about the key: its region was not read after all. */
export interface InterruptedRead {
  account: string;
  region: string;
  error: ReadInterruptedError;
}

/**
 * Rotation is shared by every member of a multi-Region family (docs/aws-facts.md#multi-region), so
 * it was read once, in the primary region: copy it to the other members. A family whose primary
 * read failed or was not scanned gets one read from another member instead. Returns the reads that
 * got no answer.
 */
export async function shareMultiRegionRotation(
  keys: KeyRecord[],
  clientFor: (record: KeyRecord) => KMSClient,
): Promise<InterruptedRead[]> {
  const interrupted: InterruptedRead[] = [];
  const families = new Map<string, KeyRecord[]>();
  for (const record of keys) {
    if (!record.audited || !isMultiRegionKeyId(record.keyId)) continue;
    const id = `${record.account}:${record.keyId}`;
    families.set(id, [...(families.get(id) ?? []), record]);
  }
  await Promise.all(
    [...families.values()].map(async (members) => {
      let source =
        members.find(
          (m) =>
            m.rotation !== null &&
            m.metadata.MultiRegionConfiguration?.MultiRegionKeyType === "PRIMARY",
        ) ?? members.find((m) => m.rotation !== null);
      if (source === undefined) {
        const candidate = members.find(
          (m) => supportsRotation(m.metadata) && !m.errors.some((e) => e.property === "rotation"),
        );
        if (candidate === undefined) return;
        try {
          candidate.rotation = await readRotation(clientFor(candidate), candidate.keyId);
          source = candidate;
        } catch (err) {
          if (!isVerdictOnKey(err)) {
            const error = new ReadInterruptedError("rotation", candidate.keyId, err);
            interrupted.push({ account: candidate.account, region: candidate.region, error });
            return;
          }
          candidate.errors.push({
            property: "rotation",
            code: errorName(err),
            message: errorMessage(err),
          });
          return;
        }
      }
      const rotation = source.rotation;
      if (rotation === null) return;
      for (const m of members) {
        if (
          m.rotation === null &&
          !m.errors.some((e) => e.property === "rotation" || e.property === "metadata")
        )
          m.rotation = { ...rotation };
      }
    }),
  );
  return interrupted;
}

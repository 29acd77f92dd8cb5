import type { KeyLastUse, KeyRecord } from "../domain/key-record";

const DAY_MS = 86_400_000;

/** AWS's caveat for a key created before KMS began tracking its use (GetKeyLastUsage reference). */
export const PRE_TRACKING_CAVEAT =
  "KMS began tracking this key's use after the key was created: it may have been used before then; look in older CloudTrail logs";

/** A key with no recorded use since tracking began; null when it was used or not read. */
export interface NoRecordedUse {
  trackingStartDate: string;
  /** The key existed before tracking began, so earlier uses are unknown (AWS's caveat). */
  createdBeforeTracking: boolean;
  /** Whole days covered by tracking without a use, at `now`. */
  daysTracked: number;
}

export function findNoRecordedUse(record: KeyRecord | null, now: Date): NoRecordedUse | null {
  const lastUse: KeyLastUse | null | undefined = record?.lastUse;
  if (!lastUse || lastUse.lastUsed !== null) return null;
  const start = Date.parse(lastUse.trackingStartDate);
  const created = Date.parse(lastUse.keyCreationDate ?? record?.metadata.CreationDate ?? "");
  return {
    trackingStartDate: lastUse.trackingStartDate,
    createdBeforeTracking: Number.isFinite(created) && created < start,
    daysTracked: Math.max(0, Math.floor((now.getTime() - start) / DAY_MS)),
  };
}

/** `2026-11-10` from an ISO time. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** `Encrypt on 2026-11-18 14:02 UTC`, `no use since 2026-11-09`, or null when not read. */
export function describeLastUse(record: KeyRecord | null): string | null {
  const lastUse = record?.lastUse;
  if (!lastUse) return null;
  if (lastUse.lastUsed === null) return `no use since ${dayOf(lastUse.trackingStartDate)}`;
  const at = lastUse.lastUsed.at.slice(0, 16).replace("T", " ");
  return `${lastUse.lastUsed.operation} on ${at} UTC`;
}

/** A region of a family whose key shows no recorded use: failing over to it has never been tried. */
export interface UnusedRegion {
  region: string;
  trackingStartDate: string;
  createdBeforeTracking: boolean;
}

/** Members other than the reference with no recorded use (DR readiness: "never used in this region"). */
export function findUnusedRegions(
  referenceRegion: string | null,
  records: KeyRecord[],
  now: Date,
): UnusedRegion[] {
  return records
    .filter((r) => r.region !== referenceRegion)
    .flatMap((record) => {
      const quiet = findNoRecordedUse(record, now);
      return quiet
        ? [
            {
              region: record.region,
              trackingStartDate: quiet.trackingStartDate,
              createdBeforeTracking: quiet.createdBeforeTracking,
            },
          ]
        : [];
    })
    .sort((a, b) => a.region.localeCompare(b.region));
}

/** The newest recorded use among keys, with the key that had it. */
export interface NewestUse {
  at: string;
  operation: string;
  keyId: string;
  account: string;
}

export function findNewestUse(records: Iterable<KeyRecord>): NewestUse | null {
  let newest: NewestUse | null = null;
  for (const record of records) {
    const used = record.lastUse?.lastUsed;
    if (!used || (newest !== null && newest.at >= used.at)) continue;
    newest = {
      at: used.at,
      operation: used.operation,
      keyId: record.keyId,
      account: record.account,
    };
  }
  return newest;
}

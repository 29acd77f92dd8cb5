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

import type { RegionKey } from "../state/model";
import { removeKey, type StateStore } from "../state/store";

const DAY_MS = 86_400_000;

/**
 * Deletes the keys whose waiting period ended by `now` (lazily, before each operation), calling
 * `onDeleted` so KMS's internal DeleteKey event lands at the deletion instant. When a family's
 * last replica goes, a primary waiting in PendingReplicaDeletion starts its own window then.
 */
export function sweepDeletions(
  store: StateStore,
  now: number,
  onDeleted: (key: RegionKey, at: number) => void,
): void {
  for (;;) {
    let due: RegionKey | undefined;
    for (const key of store.pendingDeletion) {
      if (
        key.state === "PendingDeletion" &&
        key.deletionDate !== undefined &&
        key.deletionDate <= now
      ) {
        if (!due || (due.deletionDate ?? 0) > key.deletionDate) due = key;
      }
    }
    if (!due) return;
    deleteKey(store, due, onDeleted);
  }
}

function deleteKey(
  store: StateStore,
  key: RegionKey,
  onDeleted: (key: RegionKey, at: number) => void,
): void {
  const at = key.deletionDate ?? 0;
  const { family } = key;
  store.pendingDeletion.delete(key);
  removeKey(store.region(family.account, key.region), key);
  family.regions = family.regions.filter((r) => r !== key.region);
  if (family.regions.length === 0) store.account(family.account).families.delete(family.keyId);
  onDeleted(key, at);
  const primary = store.region(family.account, family.primaryRegion).keysById.get(family.keyId);
  if (primary && primary.state === "PendingReplicaDeletion" && family.regions.length === 1) {
    primary.state = "PendingDeletion";
    primary.deletionDate = at + (primary.pendingWindowDays ?? 30) * DAY_MS;
  }
}

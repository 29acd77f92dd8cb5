import type { Snapshot } from "../domain/snapshot";
import type { SavedSnapshot, SnapshotStore } from "../store/store-types";
import { UsageError, type CliIo } from "./io";
import { checkStoreTarget } from "./store-target-check";
import { firstLineOf } from "../domain/first-line";

/** How a `scan --save` names itself to a dashboard or another scan that finds the store in use. */
export const SCAN_SAVE_HOLDER = "kms-drift scan --save";

/**
 * Opens (and on PGlite locks) the store `--save` writes to. Called before the scan, so a data
 * directory in use by another process ends the command at once (exit 2), not after a long scan.
 */
export async function openSaveStore(env: CliIo["env"]): Promise<SnapshotStore> {
  await checkStoreTarget(env);
  const { openStore, StoreLockedError } = await import("../store/store");
  try {
    return await openStore({ env, holder: SCAN_SAVE_HOLDER });
  } catch (error) {
    if (error instanceof StoreLockedError) throw new UsageError(error.message);
    throw error;
  }
}

/** Saves, says on stderr what the store had to replace, and says "saved" only once it is. */
export async function saveScan(
  store: SnapshotStore,
  snapshot: Snapshot,
  io: CliIo,
  quiet: boolean,
): Promise<SavedSnapshot> {
  let saved: Awaited<ReturnType<SnapshotStore["saveSnapshot"]>>;
  try {
    saved = await store.saveSnapshot(snapshot);
  } catch (error) {
    throw new UsageError(`snapshot ${snapshot.id} was not saved: ${firstLineOf(error, "failed")}`);
  }
  for (const note of saved.storageNotes)
    io.stderr.write(`kms-drift: stored with a change: ${note}\n`);
  if (!quiet) io.stderr.write(`kms-drift: snapshot ${saved.id} saved\n`);
  return saved;
}

import type { Snapshot } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import type { SavedSnapshot, SnapshotStore } from "../store/store-types";
import type { DataDirLock } from "../store/data-dir-lock";
import { UsageError, type CliIo } from "./io";
import { checkStoreTarget } from "./store-target-check";
import { collectGarbage } from "./collect-garbage";
import { firstLineOf } from "../domain/first-line";

/** How a `scan --save` names itself to a dashboard or another scan that finds the store in use. */
export const SCAN_SAVE_HOLDER = "kms-drift scan --save";

/** What the scan needs from the store: the previous snapshot's start (the CloudTrail window) and events. */
export interface PreviousScan {
  startedAt: string;
  events: TrailEvent[];
}

/**
 * The store `--save` writes to, claimed before the scan and opened only when used. On PGlite the
 * data directory's lock is held from `claimSaveTarget` to `release`, while PGlite itself (~700 MB)
 * is open only to read the previous snapshot and, after the scan, to save.
 */
export interface SaveTarget {
  previous: PreviousScan | null;
  /** Opens the store; the caller closes it (on PGlite the lock stays held until `release`). */
  open(): Promise<SnapshotStore>;
  release(): Promise<void>;
}

/**
 * The store's buffer cache while the CLI reads the previous snapshot and saves: a save writes each
 * page once and reads little back, and PGlite touches its whole cache as it opens (the default
 * 128 MB added ~150 MB to the CLI's peak, 16 MB ~35 MB, the save as fast).
 */
const SAVE_BUFFER_CACHE_MB = 16;

/**
 * Claims the store before the scan, so a data directory in use by another process or an unreachable
 * DATABASE_URL ends the command at once (exit 2), not after a long scan; reads the previous snapshot.
 */
export async function claimSaveTarget(env: CliIo["env"]): Promise<SaveTarget> {
  await checkStoreTarget(env);
  const { openStore, resolveStoreTarget, StoreLockedError } = await import("../store/store");
  const target = resolveStoreTarget({ env });
  let lock: DataDirLock | undefined;
  let open: () => Promise<SnapshotStore>;
  if (target.kind === "pglite") {
    const { lockDataDir } = await import("../store/data-dir-lock");
    try {
      lock = await lockDataDir(target.dataDir, SCAN_SAVE_HOLDER);
    } catch (error) {
      if (error instanceof StoreLockedError) throw new UsageError(error.message);
      throw error;
    }
    const held = lock;
    open = () =>
      openStore({ dataDir: target.dataDir, heldLock: held, bufferCacheMb: SAVE_BUFFER_CACHE_MB });
  } else open = () => openStore({ databaseUrl: target.databaseUrl, holder: SCAN_SAVE_HOLDER });
  try {
    const store = await open();
    let previous: Snapshot | null;
    try {
      previous = await store.snapshotPart("latest", { events: true });
    } finally {
      await store.close();
    }
    await collectGarbage();
    return {
      previous: previous ? { startedAt: previous.startedAt, events: previous.events } : null,
      open,
      release: async () => {
        await lock?.release();
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

const notSaved = (snapshot: Snapshot, error: unknown) =>
  new UsageError(`snapshot ${snapshot.id} was not saved: ${firstLineOf(error, "failed")}`);

/**
 * Opens the claimed store to save `snapshot`: a store that cannot be opened after the scan (its
 * lock taken from this process, the disk full) is a snapshot not saved, said as such.
 */
export async function openForSave(target: SaveTarget, snapshot: Snapshot): Promise<SnapshotStore> {
  try {
    return await target.open();
  } catch (error) {
    throw notSaved(snapshot, error);
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
    throw notSaved(snapshot, error);
  }
  for (const note of saved.storageNotes)
    io.stderr.write(`kms-drift: stored with a change: ${note}\n`);
  if (!quiet) io.stderr.write(`kms-drift: snapshot ${saved.id} saved\n`);
  return saved;
}

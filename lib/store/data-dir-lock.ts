import { mkdir, readdir, rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";
import {
  HOLDER_FILE,
  claimDeadHolder,
  currentHolder,
  holderIsGone,
  readHolder,
  removeHolder,
  writeHolder,
  type StoreHolder,
} from "./store-holder";

/**
 * PGlite is PostgreSQL compiled to run inside one process: two processes on one data directory
 * each believe their own writes, and whichever closes last overwrites the other's. So a data
 * directory has one user at a time, enforced by a lock directory inside it (proper-lockfile: an
 * atomic mkdir whose mtime the holder refreshes) and a record of who holds it.
 */
export const LOCK_DIR = "kms-drift.lock";

export interface LockTiming {
  /** A lock not refreshed for this long is stale (its holder froze, or died on another host). */
  staleMs: number;
  /** How often the holder refreshes it (proper-lockfile: at least 1 s, at most staleMs / 2). */
  updateMs: number;
}

// Generous: a holder whose event loop is busy (PGlite runs queries on it) must not lose its lock.
// A holder that dies on this host is recognised at once by its pid, without waiting for this.
export const DEFAULT_LOCK_TIMING: LockTiming = { staleMs: 60_000, updateMs: 10_000 };

/** Another process holds the data directory. The message names it and the ways out. */
export class StoreLockedError extends Error {
  override readonly name = "StoreLockedError";
  /** Who holds it, in words: `the dashboard (pid 4121, since …)`. */
  readonly holderText: string;
  constructor(
    readonly dataDir: string,
    readonly holder: StoreHolder | null,
    staleMs: number,
  ) {
    const who = describeHolder(holder, staleMs);
    super(
      `the store ${dataDir} is in use by ${who}. PGlite lets one process use a data directory at a ` +
        `time: stop that process, or set DATABASE_URL to a PostgreSQL server that both can share`,
    );
    this.holderText = who;
  }
}

/** This process held the data directory, but another process took it (or it was deleted). */
export class StoreLockLostError extends Error {
  override readonly name = "StoreLockLostError";
}

const UNAVAILABLE_NAMES: ReadonlySet<string> = new Set(["StoreLockedError", "StoreLockLostError"]);

/**
 * Whether `error` means another process has the store (by name, as every error check here: the
 * Next.js bundle may hold a second copy of this module).
 */
export function isStoreUnavailableError(error: unknown): error is Error {
  return error instanceof Error && UNAVAILABLE_NAMES.has(error.name);
}

function describeHolder(holder: StoreHolder | null, staleMs: number): string {
  const expiry = `its lock expires ${Math.round(staleMs / 1000)} s after it stops`;
  if (!holder) return `another kms-drift process that has not said what it is (${expiry})`;
  return holder.host === hostname()
    ? `${holder.role} (pid ${holder.pid}, since ${holder.since})`
    : `${holder.role} (pid ${holder.pid} on host ${holder.host}, since ${holder.since}; ${expiry})`;
}

export interface DataDirLock {
  release(): Promise<void>;
  /** Null while the lock is held; why it is not, once another process took it or it vanished. */
  lostReason(): string | null;
}

function isLocked(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ELOCKED";
}

/** Takes the data directory for this process, or throws StoreLockedError naming the holder. */
export async function lockDataDir(
  dataDir: string,
  role: string,
  timing: LockTiming = DEFAULT_LOCK_TIMING,
): Promise<DataDirLock> {
  const dir = path.resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const lockPath = path.join(dir, LOCK_DIR);
  let lost: string | null = null;
  const take = () =>
    lockfile.lock(dir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: timing.staleMs,
      update: timing.updateMs,
      onCompromised: (error) => {
        lost = `this process no longer holds the store ${dir} (${error.message}); restart it`;
      },
    });

  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (error) {
    if (!isLocked(error)) throw error;
    const holder = await readHolder(dir);
    if (!holder || !holderIsGone(holder) || !(await claimDeadHolder(dir, holder)))
      throw new StoreLockedError(dir, holder, timing.staleMs);
    // The holder was killed without releasing: its lock is ours to remove.
    await rm(lockPath, { recursive: true, force: true });
    try {
      release = await take();
    } catch (retryError) {
      if (!isLocked(retryError)) throw retryError;
      throw new StoreLockedError(dir, await readHolder(dir), timing.staleMs);
    }
  }

  const me = currentHolder(role);
  try {
    await writeHolder(dir, me);
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
  return {
    async release() {
      await removeHolder(dir, me).catch(() => undefined);
      if (lost === null) await release().catch(() => undefined);
    },
    lostReason: () => lost,
  };
}

/**
 * Empties the data directory (`KMS_DRIFT_FRESH_DATA=1`) while holding its lock, so a directory
 * another process uses is never deleted under it: that throws StoreLockedError and deletes nothing.
 */
export async function wipeDataDir(dataDir: string, role: string): Promise<void> {
  const dir = path.resolve(dataDir);
  const lock = await lockDataDir(dir, role);
  try {
    for (const entry of await readdir(dir)) {
      if (entry !== LOCK_DIR && entry !== HOLDER_FILE)
        await rm(path.join(dir, entry), { recursive: true, force: true });
    }
  } finally {
    await lock.release();
  }
}

import { openStore, resolveStoreTarget } from "./store";
import type { SnapshotStore } from "./store-types";

// One store per process for the web app: route handlers, pages and the scheduler share it, and it
// survives Next's dev reloads (module state does not; globalThis does).
const holder = globalThis as typeof globalThis & {
  __kmsDriftStore?: { key: string; store: Promise<SnapshotStore> };
};

/**
 * The process-wide store for DATABASE_URL / KMS_DRIFT_DATA_DIR; opened (and migrated) once, and
 * on PGlite locked for the life of the process. A failed open (the directory is in use) is not
 * kept: the next call tries again.
 */
export function getSharedStore(
  env: Record<string, string | undefined> = process.env,
  role?: string,
): Promise<SnapshotStore> {
  const target = resolveStoreTarget({ env });
  const key =
    target.kind === "postgres" ? `postgres:${target.databaseUrl}` : `pglite:${target.dataDir}`;
  const current = holder.__kmsDriftStore;
  if (current && current.key === key) return current.store;
  const store = openStore({ env, ...(role !== undefined ? { holder: role } : {}) });
  holder.__kmsDriftStore = { key, store };
  store.catch(() => {
    if (holder.__kmsDriftStore?.store === store) holder.__kmsDriftStore = undefined;
  });
  return store;
}

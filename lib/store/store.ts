import { ENV, readEnv } from "../env/env";
import type { DataDirLock, LockTiming } from "./data-dir-lock";
import { migrate } from "./migrate";
import { openPgClient } from "./pg-client";
import { openPgliteClient } from "./pglite-client";
import { createSnapshotStore } from "./snapshot-store";
import type { SnapshotStore } from "./store-types";

export type * from "./store-types";
export { StoreError } from "./store-types";
export { StoreLockedError } from "./data-dir-lock";
export { DASHBOARD_ROLE } from "./store-holder";

export interface OpenStoreOptions {
  dataDir?: string;
  databaseUrl?: string;
  env?: Record<string, string | undefined>;
  /**
   * What this process is ("the dashboard", "kms-drift scan --save"): a PGlite data directory is
   * locked to one process, and another one is told who holds it. PostgreSQL needs no lock.
   */
  holder?: string;
  lockTiming?: LockTiming;
  /** A PGlite directory's lock the caller took and keeps past `close` (lib/store/pglite-client.ts). */
  heldLock?: DataDirLock;
  /** PGlite's buffer cache in MB, when not its default (lib/store/pglite-client.ts). */
  bufferCacheMb?: number;
}

export type StoreTarget =
  { kind: "postgres"; databaseUrl: string } | { kind: "pglite"; dataDir: string };

/**
 * Where the store lives: an explicit `databaseUrl`, else an explicit `dataDir`, else
 * `DATABASE_URL`, else `KMS_DRIFT_DATA_DIR`, else `./data`.
 */
export function resolveStoreTarget(options: OpenStoreOptions = {}): StoreTarget {
  if (options.databaseUrl) return { kind: "postgres", databaseUrl: options.databaseUrl };
  if (options.dataDir) return { kind: "pglite", dataDir: options.dataDir };
  const env = readEnv(ENV.store, options.env ?? process.env);
  if (env.DATABASE_URL) return { kind: "postgres", databaseUrl: env.DATABASE_URL };
  return { kind: "pglite", dataDir: env.KMS_DRIFT_DATA_DIR ?? "./data" };
}

export async function openStore(options: OpenStoreOptions = {}): Promise<SnapshotStore> {
  const target = resolveStoreTarget(options);
  const client =
    target.kind === "postgres"
      ? await openPgClient(target.databaseUrl)
      : await openPgliteClient(target.dataDir, {
          ...(options.holder !== undefined ? { holder: options.holder } : {}),
          ...(options.lockTiming !== undefined ? { lockTiming: options.lockTiming } : {}),
          ...(options.heldLock !== undefined ? { heldLock: options.heldLock } : {}),
          ...(options.bufferCacheMb !== undefined ? { bufferCacheMb: options.bufferCacheMb } : {}),
        });
  try {
    await migrate(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return createSnapshotStore(client, target.kind);
}

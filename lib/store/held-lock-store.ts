import { PGlite, type Transaction } from "@electric-sql/pglite";
import { StoreLockLostError, type DataDirLock } from "./data-dir-lock";
import { migrate } from "./migrate";
import { createSnapshotStore } from "./snapshot-store";
import type { SqlClient, SqlQueryable, SqlRow } from "./sql-client";
import type { SnapshotStore } from "./store-types";

/**
 * The PGlite store on a data directory whose lock (lockDataDir) the caller already holds and keeps:
 * closing the store closes PGlite (~700 MB) but not the lock. `kms-drift scan --save` holds the lock
 * for its whole run, yet opens PGlite only to read the previous snapshot and, after the scan, to
 * save: no other process can take the directory in between, and the scan does not carry PGlite.
 * Not shared through openPgliteClient's per-process registry: only the lock's holder opens it.
 */
export async function openStoreUnderLock(
  dataDir: string,
  lock: DataDirLock,
): Promise<SnapshotStore> {
  const assertHeld = () => {
    const reason = lock.lostReason();
    if (reason !== null) throw new StoreLockLostError(reason);
  };
  assertHeld();
  const db = await PGlite.create(dataDir);
  let closed = false;
  const client: SqlClient = {
    ...guarded(db, assertHeld),
    transaction: (fn) => {
      assertHeld();
      return db.transaction((tx) => fn(guarded(tx, assertHeld)));
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
  try {
    await migrate(client);
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return createSnapshotStore(client, "pglite");
}

/** Every statement first checks that this process still holds the directory. */
function guarded(target: PGlite | Transaction, assertHeld: () => void): SqlQueryable {
  return {
    async query<R extends SqlRow>(text: string, params: unknown[] = []): Promise<R[]> {
      assertHeld();
      return (await target.query<R>(text, params)).rows;
    },
    async exec(text: string): Promise<void> {
      assertHeld();
      await target.exec(text);
    },
  };
}

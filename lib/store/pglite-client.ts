import path from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import {
  lockDataDir,
  StoreLockLostError,
  type DataDirLock,
  type LockTiming,
} from "./data-dir-lock";
import type { SqlClient, SqlQueryable, SqlRow } from "./sql-client";

interface OpenInstance {
  db: PGlite;
  lock: DataDirLock;
  /** False when the caller took the lock (`heldLock`): closing leaves it held. */
  ownsLock: boolean;
}

interface SharedInstance {
  open: Promise<OpenInstance>;
  users: number;
  /** Set when the last user closed it: the next opener waits, then opens (and locks) afresh. */
  closing?: Promise<void>;
}

export interface PgliteClientOptions {
  /** What this process is, for the message another process gets while it holds the directory. */
  holder?: string;
  lockTiming?: LockTiming;
  /**
   * The directory's lock, already taken by the caller, who keeps it past `close`: `kms-drift scan
   * --save` holds the directory for its whole run but opens PGlite (~700 MB) only to read and to save.
   */
  heldLock?: DataDirLock;
  /**
   * PostgreSQL's buffer cache (`shared_buffers`) in MB, when not PGlite's 128: PGlite touches the
   * whole cache as it opens, so a process that opens the store only to write a snapshot and leave
   * (`kms-drift scan --save`) takes a small one; a dashboard keeps the default for its page queries.
   */
  bufferCacheMb?: number;
}

export const DEFAULT_HOLDER = "a kms-drift process";

// One PGlite per data directory per process (~700 MB each); kept on globalThis so that Next's dev
// reloads, which re-evaluate modules, reuse the open instance (and its lock) instead of a second one.
const registry = globalThis as typeof globalThis & {
  __kmsDriftPglite?: Map<string, SharedInstance>;
};

function instances(): Map<string, SharedInstance> {
  registry.__kmsDriftPglite ??= new Map();
  return registry.__kmsDriftPglite;
}

const TEXT_OID = 25;
// A Uint8Array parameter is UTF-8 text, sent as it is in binary (as node-postgres sends a Buffer):
// given a string, PGlite measures its UTF-8 length a character at a time in JS, twice.
const BYTES_AS_TEXT = {
  serializers: {
    [TEXT_OID]: (value: unknown) =>
      (value instanceof Uint8Array ? value : String(value)) as unknown as string,
  },
};

function wrap(target: PGlite | Transaction, assertHeld: () => void): SqlQueryable {
  return {
    async query<R extends SqlRow>(text: string, params: unknown[] = []): Promise<R[]> {
      assertHeld();
      const bytes = params.some((p) => p instanceof Uint8Array);
      const result = await target.query<R>(text, params, bytes ? BYTES_AS_TEXT : undefined);
      return result.rows;
    },
    async exec(text: string): Promise<void> {
      assertHeld();
      await target.exec(text);
    },
  };
}

function createPglite(dir: string, { bufferCacheMb }: PgliteClientOptions): Promise<PGlite> {
  if (bufferCacheMb === undefined) return PGlite.create(dir);
  return PGlite.create(dir, {
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${bufferCacheMb}MB`],
  });
}

async function openInstance(dir: string, options: PgliteClientOptions): Promise<OpenInstance> {
  if (options.heldLock) {
    assertHeld(options.heldLock);
    return { db: await createPglite(dir, options), lock: options.heldLock, ownsLock: false };
  }
  // The lock comes first: PGlite must not even read a directory another process is writing.
  const lock = await lockDataDir(dir, options.holder ?? DEFAULT_HOLDER, options.lockTiming);
  try {
    return { db: await createPglite(dir, options), lock, ownsLock: true };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Once another process has the directory, this one must not write a byte more into it. */
function assertHeld(lock: DataDirLock): void {
  const reason = lock.lostReason();
  if (reason !== null) throw new StoreLockLostError(reason);
}

export async function openPgliteClient(
  dataDir: string,
  options: PgliteClientOptions = {},
): Promise<SqlClient> {
  const key = path.resolve(dataDir);
  const map = instances();
  let shared = map.get(key);
  while (shared?.closing) {
    await shared.closing;
    shared = map.get(key);
  }
  if (!shared) {
    const created: SharedInstance = { open: openInstance(key, options), users: 0 };
    created.open.catch(() => map.delete(key));
    map.set(key, created);
    shared = created;
  }
  shared.users += 1;
  const entry = shared;
  let instance: OpenInstance;
  try {
    instance = await shared.open;
  } catch (error) {
    entry.users -= 1;
    throw error;
  }
  const { db, lock, ownsLock } = instance;
  const held = () => assertHeld(lock);
  let closed = false;
  return {
    ...wrap(db, held),
    transaction: (fn) => {
      held();
      return db.transaction((tx) => fn(wrap(tx, held)));
    },
    async close() {
      if (closed) return;
      closed = true;
      entry.users -= 1;
      if (entry.users > 0) return;
      entry.closing = (async () => {
        try {
          await db.close();
        } finally {
          if (ownsLock) await lock.release();
          map.delete(key);
        }
      })();
      await entry.closing;
    },
  };
}

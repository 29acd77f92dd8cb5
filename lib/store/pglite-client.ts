import path from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { SqlClient, SqlQueryable, SqlRow } from "./sql-client";

interface SharedInstance {
  db: Promise<PGlite>;
  users: number;
}

// One PGlite per data directory per process (~700 MB each); kept on globalThis so that Next's dev
// reloads, which re-evaluate modules, reuse the open instance instead of opening a second one.
const registry = globalThis as typeof globalThis & {
  __kmsDriftPglite?: Map<string, SharedInstance>;
};

function instances(): Map<string, SharedInstance> {
  registry.__kmsDriftPglite ??= new Map();
  return registry.__kmsDriftPglite;
}

function wrap(target: PGlite | Transaction): SqlQueryable {
  return {
    async query<R extends SqlRow>(text: string, params: unknown[] = []): Promise<R[]> {
      const result = await target.query<R>(text, params);
      return result.rows;
    },
    async exec(text: string): Promise<void> {
      await target.exec(text);
    },
  };
}

export async function openPgliteClient(dataDir: string): Promise<SqlClient> {
  const key = path.resolve(dataDir);
  const map = instances();
  let shared = map.get(key);
  if (!shared) {
    const created: SharedInstance = { db: PGlite.create(key), users: 0 };
    created.db.catch(() => map.delete(key));
    map.set(key, created);
    shared = created;
  }
  shared.users += 1;
  const db = await shared.db;
  const entry = shared;
  let closed = false;
  return {
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (closed) return;
      closed = true;
      entry.users -= 1;
      if (entry.users > 0) return;
      map.delete(key);
      await db.close();
    },
  };
}

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openStore } from "./store";
import type { SnapshotStore } from "./store-types";

/** Test-only: a store on a fresh backend, and how to throw it away. */
export interface TestBackend {
  name: "pglite" | "postgres";
  open(): Promise<{ store: SnapshotStore; dispose(): Promise<void> }>;
}

export function testBackends(env: Record<string, string | undefined> = process.env): TestBackend[] {
  const backends: TestBackend[] = [{ name: "pglite", open: openPgliteTestStore }];
  // Set by scripts/vitest-postgres.ts when a PostgreSQL server is installed; never the app's DATABASE_URL.
  const url = env.KMS_DRIFT_TEST_DATABASE_URL;
  if (url) backends.push({ name: "postgres", open: () => openPostgresTestStore(url) });
  return backends;
}

export async function openPgliteTestStore(): Promise<{
  store: SnapshotStore;
  dataDir: string;
  dispose(): Promise<void>;
}> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-store-"));
  const store = await openStore({ dataDir });
  return {
    store,
    dataDir,
    async dispose() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// Each test file gets its own schema so that runs against one server never see each other's rows.
async function openPostgresTestStore(
  url: string,
): Promise<{ store: SnapshotStore; dispose(): Promise<void> }> {
  const schema = `kms_drift_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  const store = await openStore({ databaseUrl: scoped.toString() });
  return {
    store,
    async dispose() {
      await store.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { isCi, postgresRequired } from "./ci-postgres";
import { openPgClient } from "./pg-client";
import { openPgliteClient } from "./pglite-client";
import type { SqlClient } from "./sql-client";
import { openStore, resolveStoreTarget } from "./store";
import type { SnapshotStore } from "./store-types";

/** Test-only: a store on a fresh backend, and how to throw it away. */
export interface TestBackend {
  name: "pglite" | "postgres";
  open(): Promise<{ store: SnapshotStore; dispose(): Promise<void> }>;
  /** The environment a CLI run needs to reach a fresh store of this kind (it opens it itself). */
  storeEnv(): Promise<{ env: Record<string, string>; dispose(): Promise<void> }>;
}

const pgliteBackend: TestBackend = {
  name: "pglite",
  open: openPgliteTestStore,
  async storeEnv() {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-store-"));
    return {
      env: { KMS_DRIFT_DATA_DIR: dataDir },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

function postgresBackend(url: string): TestBackend {
  return {
    name: "postgres",
    open: () => openPostgresTestStore(url),
    async storeEnv() {
      const schema = await createTestSchema(url);
      return { env: { DATABASE_URL: schema.url }, dispose: schema.dispose };
    },
  };
}

// A missing server must fail the PostgreSQL tests, never make them vanish.
function missingPostgresBackend(underCi: boolean): TestBackend {
  const refuse = () =>
    Promise.reject(new Error(postgresRequired("KMS_DRIFT_TEST_DATABASE_URL is not set", underCi)));
  return { name: "postgres", open: refuse, storeEnv: refuse };
}

export function testBackends(env: Record<string, string | undefined> = process.env): TestBackend[] {
  // Set by scripts/vitest-postgres.ts when a PostgreSQL server is installed; never the app's DATABASE_URL.
  const url = env.KMS_DRIFT_TEST_DATABASE_URL;
  return [pgliteBackend, url ? postgresBackend(url) : missingPostgresBackend(isCi(env))];
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

/** A schema of its own per caller, so that runs against one server never see each other's rows. */
async function createTestSchema(url: string): Promise<{ url: string; dispose(): Promise<void> }> {
  const schema = `kms_drift_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: scoped.toString(),
    async dispose() {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

async function openPostgresTestStore(
  url: string,
): Promise<{ store: SnapshotStore; dispose(): Promise<void> }> {
  const schema = await createTestSchema(url);
  const store = await openStore({ databaseUrl: schema.url });
  return {
    store,
    async dispose() {
      await store.close();
      await schema.dispose();
    },
  };
}

/** Test-only: a raw SQL client on the store a `storeEnv()` environment names. */
export async function openTestClient(env: Record<string, string>): Promise<SqlClient> {
  const target = resolveStoreTarget({ env });
  return target.kind === "postgres"
    ? openPgClient(target.databaseUrl)
    : openPgliteClient(target.dataDir);
}

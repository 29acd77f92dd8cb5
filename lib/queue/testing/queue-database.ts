import { randomUUID } from "node:crypto";
import pg from "pg";

/**
 * Test-only: the test PostgreSQL server (KMS_DRIFT_TEST_DATABASE_URL, set by
 * scripts/vitest-postgres.ts). The queue needs PostgreSQL, so without a server its tests fail with
 * the reason rather than skip.
 */
export function queueServerUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.KMS_DRIFT_TEST_DATABASE_URL;
  if (url) return url;
  throw new Error(
    "the job-queue tests need PostgreSQL: KMS_DRIFT_TEST_DATABASE_URL is not set. Install " +
      "Debian's postgresql package (.ci/run does) or point KMS_DRIFT_TEST_DATABASE_URL at a server",
  );
}

/** A database of its own on that server, so pg-boss's schema and the queue tables start empty. */
export async function createQueueDatabase(
  serverUrl: string = queueServerUrl(),
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kms_drift_queue_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} encoding 'UTF8' template template0`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

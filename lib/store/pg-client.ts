import pg from "pg";
import type { SqlClient, SqlQueryable, SqlRow } from "./sql-client";

type Target = pg.Pool | pg.PoolClient;

function wrap(target: Target): SqlQueryable {
  return {
    async query<R extends SqlRow>(text: string, params: unknown[] = []): Promise<R[]> {
      const result = await target.query<R>(text, params);
      return result.rows;
    },
    async exec(text: string): Promise<void> {
      await target.query(text);
    },
  };
}

/** A PostgreSQL server (DATABASE_URL) through a small connection pool. */
export async function openPgClient(connectionString: string): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  // Idle clients that lose the server emit 'error' on the pool; without a listener the process dies.
  pool.on("error", () => undefined);
  const [encoding] = (await pool.query<{ server_encoding: string }>("show server_encoding")).rows;
  if (encoding?.server_encoding !== "UTF8") {
    await pool.end();
    // AWS strings are Unicode: any other encoding refuses some of them, one failed save at a time.
    throw new Error(
      `the DATABASE_URL database uses ${encoding?.server_encoding ?? "an unknown"} encoding; kms-drift needs a UTF8 database (create database … encoding 'UTF8')`,
    );
  }
  return {
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn(wrap(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

import { describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { writeSnapshot } from "./save-snapshot";
import { makeSnapshot } from "./test-fixtures";
import { openTestClient, testBackends } from "./test-store";

describe.each(testBackends())("a save's batches ($name)", (backend) => {
  it("are spread into rows in memory, never through a temporary file", async () => {
    const { env, dispose } = await backend.storeEnv();
    const client = await openTestClient(env);
    try {
      await migrate(client);
      // A batch of keys is ~4 MB of JSON lines: over PostgreSQL's default work_mem (4 MB), the
      // rows spread from it went to a temporary file, written and read back on every batch.
      const snapshot = makeSnapshot({ id: "no-spill", extraKeys: 12_000 });
      await client.transaction(async (tx) => {
        // Any temporary file makes the statement that needs one fail.
        await tx.query("set local temp_file_limit = 0");
        await writeSnapshot(tx, snapshot);
      });
      const [stored] = await client.query<{ n: number }>(
        "select count(*)::int as n from snapshot_keys where snapshot_id = $1",
        ["no-spill"],
      );
      expect(stored?.n).toBe(snapshot.keys.length);
    } finally {
      await client.close();
      await dispose();
    }
  }, 120_000);
});

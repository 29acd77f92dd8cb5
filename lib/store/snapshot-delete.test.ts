import { describe, expect, it } from "vitest";
import { openStore } from "./store";
import { makeFinding, makeSnapshot } from "./test-fixtures";
import { openTestClient, testBackends } from "./test-store";

describe.each(testBackends())("deleting a snapshot on $name", (backend) => {
  it("deletes its rows from every table that has them, and leaves the other snapshots whole", async () => {
    const finding = makeFinding({
      property: "tags",
      severity: "low",
      region: "eu-west-1",
      what: "t",
    });
    const gone = makeSnapshot({ id: "gone", extraKeys: 6, findings: [finding] });
    const kept = makeSnapshot({
      id: "kept",
      startedAt: "2026-11-25T08:00:00.000Z",
      extraKeys: 6,
      findings: [finding],
    });
    const { env, dispose } = await backend.storeEnv();
    try {
      const store = await openStore({ env });
      try {
        await store.saveSnapshot(gone);
        await store.saveSnapshot(kept);
      } finally {
        await store.close();
      }
      const client = await openTestClient(env);
      try {
        // Every table with a snapshot_id, so that a table added later is held to it too.
        const tables = await client.query<{ name: string }>(
          `select c.table_name as name from information_schema.columns c
           join information_schema.tables t using (table_schema, table_name)
           where c.table_schema = current_schema() and c.column_name = 'snapshot_id'
             and t.table_type = 'BASE TABLE'
           order by 1`,
        );
        expect(tables.map((t) => t.name)).toEqual(
          expect.arrayContaining(["findings", "snapshot_keys", "snapshot_policies"]),
        );
        const rowsOf = async (id: string) => {
          const counts: Record<string, number> = {};
          for (const { name } of tables) {
            const [row] = await client.query<{ n: number }>(
              `select count(*)::int as n from ${name} where snapshot_id = $1`,
              [id],
            );
            counts[name] = row?.n ?? -1;
          }
          return counts;
        };
        const before = await rowsOf("gone");
        expect(before).toMatchObject({ findings: 1, snapshot_keys: gone.keys.length });
        await client.query("delete from snapshots where id = $1", ["gone"]);
        expect(await rowsOf("gone")).toEqual(Object.fromEntries(tables.map((t) => [t.name, 0])));
        expect(await rowsOf("kept")).toEqual(before);
      } finally {
        await client.close();
      }
      const reopened = await openStore({ env });
      try {
        expect(await reopened.getSnapshot("kept")).toEqual(kept);
        expect(await reopened.getSnapshot("gone")).toBeNull();
      } finally {
        await reopened.close();
      }
    } finally {
      await dispose();
    }
  }, 60_000);
});

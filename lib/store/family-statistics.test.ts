import { describe, expect, it } from "vitest";
import { openStore } from "./store";
import { makeSnapshot } from "./test-fixtures";
import { openTestClient, testBackends } from "./test-store";

describe.each(testBackends())("the families' filter columns after a save ($name)", (backend) => {
  it("have planner statistics, so a filter's plan knows the rows it keeps", async () => {
    const { env, dispose } = await backend.storeEnv();
    try {
      const store = await openStore({ env });
      try {
        await store.saveSnapshot(makeSnapshot({ id: "stats-1", extraKeys: 4 }));
      } finally {
        await store.close();
      }
      const client = await openTestClient(env);
      try {
        const stats = await client.query<{ attname: string }>(
          `select attname from pg_stats
           where schemaname = current_schema() and tablename = 'snapshot_families'
           order by attname`,
        );
        expect(stats.map((s) => s.attname)).toEqual([
          "account",
          "account_tags",
          "kind",
          // A text search keeps the families at the positions it found (family-search.ts).
          "position",
          "present_regions",
          "properties",
          "severities",
          "snapshot_id",
          "tags",
          "waived_count",
        ]);
      } finally {
        await client.close();
      }
    } finally {
      await dispose();
    }
  }, 60_000);
});

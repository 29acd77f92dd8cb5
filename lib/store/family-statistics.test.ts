import { describe, expect, it } from "vitest";
import { openStore } from "./store";
import { makeSnapshot } from "./test-fixtures";
import { openTestClient, testBackends } from "./test-store";

describe.each(testBackends())("the families' filter columns after a save ($name)", (backend) => {
  it("have planner statistics and merged GIN indexes, so a filter's plan knows the rows it keeps", async () => {
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
        // Every GIN index's pending list is merged: cleaning again finds no page to merge.
        const gin = await client.query<{ name: string; pages: number }>(
          `select c.relname as name, gin_clean_pending_list(i.indexrelid)::int as pages
           from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
           where i.indrelid = 'snapshot_families'::regclass and a.amname = 'gin'
           order by 1`,
        );
        expect(gin).toEqual(
          [
            "snapshot_families_account_tags_idx",
            "snapshot_families_properties_idx",
            "snapshot_families_regions_idx",
            "snapshot_families_severities_idx",
            "snapshot_families_tags_idx",
          ].map((name) => ({ name, pages: 0 })),
        );
      } finally {
        await client.close();
      }
    } finally {
      await dispose();
    }
  }, 60_000);
});

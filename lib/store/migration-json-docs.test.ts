import { describe, expect, it } from "vitest";
import { buildFamilyMatrix } from "../history/family-matrix";
import { DEFAULT_FILTERS } from "../views/family-filters";
import { filterFamilies } from "../views/filter-families";
import { migrate } from "./migrate";
import { MIGRATIONS } from "./migrations";
import { openPgClient } from "./pg-client";
import { openPgliteClient } from "./pglite-client";
import { writeSnapshot } from "./save-snapshot";
import type { SqlClient } from "./sql-client";
import { openStore, resolveStoreTarget } from "./store";
import { makeFinding, makeSnapshot } from "./test-fixtures";
import { testBackends } from "./test-store";

async function openClient(env: Record<string, string>): Promise<SqlClient> {
  const target = resolveStoreTarget({ env });
  return target.kind === "postgres"
    ? openPgClient(target.databaseUrl)
    : openPgliteClient(target.dataDir);
}

async function docTypes(client: SqlClient): Promise<string[]> {
  const rows = await client.query<{ column: string }>(
    `select table_name || '.' || column_name || ' ' || data_type as column
     from information_schema.columns
     where table_schema = current_schema()
       and (table_name, column_name) in (('snapshot_keys', 'doc'), ('snapshot_families', 'doc'),
                                         ('snapshot_families', 'matrix_row'), ('findings', 'doc'))
     order by 1`,
  );
  return rows.map((r) => r.column);
}

describe.each(testBackends())("migration 4 on $name", (backend) => {
  it("turns the key and family documents of a snapshot stored at migration 3 into json: it reads back equal and pages by name", async () => {
    const { env, dispose } = await backend.storeEnv();
    try {
      const snapshot = makeSnapshot({
        id: "v3-stored",
        extraKeys: 5,
        findings: [
          makeFinding({ property: "tags", severity: "medium", region: "eu-west-1", what: "t" }),
          makeFinding({ property: "policy", severity: "high", region: "eu-west-1", what: "p" }),
        ],
      });
      const client = await openClient(env);
      try {
        expect(await migrate(client, MIGRATIONS.slice(0, 3))).toEqual([1, 2, 3]);
        // Written at version 3, where every document is jsonb (assignment casts json into it).
        await client.transaction((tx) => writeSnapshot(tx, snapshot));
        expect(await docTypes(client)).toEqual([
          "findings.doc jsonb",
          "snapshot_families.doc jsonb",
          "snapshot_families.matrix_row jsonb",
          "snapshot_keys.doc jsonb",
        ]);
      } finally {
        await client.close();
      }

      const store = await openStore({ env });
      try {
        expect(await store.getSnapshot("v3-stored")).toEqual(snapshot);
        const byName = { ...DEFAULT_FILTERS, sort: "name" as const };
        const page = await store.familyPage({
          ...byName,
          snapshotId: "v3-stored",
          offset: 0,
          limit: 100,
        });
        const matrix = buildFamilyMatrix(snapshot);
        expect(page?.rows.length).toBe(snapshot.families.length);
        expect(page?.rows).toEqual(filterFamilies(matrix.rows, matrix.regions, byName));
        const slice = await store.familySlice("v3-stored", snapshot.families[0]?.id ?? "");
        expect(slice?.keys.length).toBeGreaterThan(0);
      } finally {
        await store.close();
      }

      const migrated = await openClient(env);
      try {
        expect(await docTypes(migrated)).toEqual([
          "findings.doc jsonb",
          "snapshot_families.doc json",
          "snapshot_families.matrix_row json",
          "snapshot_keys.doc json",
        ]);
      } finally {
        await migrated.close();
      }
    } finally {
      await dispose();
    }
  }, 120_000);
});

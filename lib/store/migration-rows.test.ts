import { describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { compareFindings } from "../history/compare";
import { buildFamilyMatrix } from "../history/family-matrix";
import { DEFAULT_FILTERS } from "../views/family-filters";
import { filterFamilies } from "../views/filter-families";
import { readCoverageOf } from "../history/read-coverage";
import { buildResidency, residencyFromFacts } from "../views/residency";
import { DERIVED_VERSION, deriveFamilies } from "./family-columns";
import { migrate } from "./migrate";
import { MIGRATIONS } from "./migrations";
import type { SqlClient } from "./sql-client";
import { openStore } from "./store";
import { FIXTURE_ACCOUNT, makeFinding, makeSnapshot } from "./test-fixtures";
import { openTestClient, testBackends } from "./test-store";

/** A snapshot with every array the store keeps as rows, events and account scans included. */
function fullSnapshot(id: string, startedAt: string): Snapshot {
  const snapshot = makeSnapshot({ id, startedAt, extraKeys: 4 });
  const tracked = "2026-01-01T00:00:00Z";
  // Last use read (used, and never used) and a key whose metadata was refused: migration 5's columns.
  const keys = snapshot.keys.map((key, index) =>
    index === 0
      ? {
          ...key,
          lastUse: {
            trackingStartDate: tracked,
            lastUsed: { operation: "Decrypt", at: "2026-11-19T09:00:00Z" },
          },
        }
      : index === 1
        ? { ...key, lastUse: { trackingStartDate: tracked, lastUsed: null } }
        : index === 2
          ? {
              ...key,
              errors: [
                ...key.errors,
                { property: "metadata" as const, code: "AccessDeniedException", message: "denied" },
              ],
            }
          : key,
  );
  return {
    ...snapshot,
    keys,
    accountScans: [
      {
        account: FIXTURE_ACCOUNT,
        source: "organization",
        name: "payments",
        ou: { id: "ou-ab12-cdef3456", path: "Root/Workloads/Prod" },
        tags: { team: "payments" },
        state: "ACTIVE",
        status: "ok",
      },
      {
        account: "999988887777",
        source: "organization",
        state: "SUSPENDED",
        status: "skipped",
        reason: "suspended",
      },
    ],
    organization: { id: "o-abc123", managementAccount: "999900001111", roleName: "KmsDriftAudit" },
    events: [
      {
        eventId: "ev-1",
        eventTime: "2026-11-19T10:00:00Z",
        eventName: "PutKeyPolicy",
        region: "eu-west-1",
        account: FIXTURE_ACCOUNT,
        actor: "arn:aws:iam::111122223333:user/alice",
        keyIds: ["mrk-1234abcd"],
        requestParameters: { keyId: "mrk-1234abcd", policyName: "default" },
      },
      {
        eventId: "ev-2",
        eventTime: "2026-11-19T11:00:00Z",
        eventName: "TagResource",
        region: "us-east-1",
        account: FIXTURE_ACCOUNT,
        actor: "AWS Internal",
        keyIds: [],
        requestParameters: null,
      },
    ],
  };
}

/** What kms-drift wrote before migration 3: the whole document, finding and family rows. */
async function saveAtVersion2(client: SqlClient, snapshot: Snapshot): Promise<void> {
  await client.query(
    `insert into snapshots (id, started_at, finished_at, started_ts, source, summary, doc)
     values ($1, $2, $3, $4::timestamptz, $5::jsonb, $6::jsonb, $7::jsonb)`,
    [
      snapshot.id,
      snapshot.startedAt,
      snapshot.finishedAt,
      snapshot.startedAt,
      JSON.stringify(snapshot.source),
      JSON.stringify(snapshot.summary),
      JSON.stringify(snapshot),
    ],
  );
  await client.query(
    `insert into findings (snapshot_id, position, finding_id, family_id, property, severity, region, account, waived, title, doc)
     select s.id, (f.ord - 1)::int, f.value->>'id', f.value->>'familyId', f.value->>'property', f.value->>'severity',
            f.value->>'region', f.value->>'account', coalesce((f.value->>'waived')::boolean, false),
            coalesce(f.value->>'title', ''), f.value
     from snapshots s, jsonb_array_elements(s.doc->'findings') with ordinality as f(value, ord)
     where s.id = $1`,
    [snapshot.id],
  );
  await client.query(
    `insert into snapshot_families (snapshot_id, family_id, kind, account, reference_region)
     select distinct on (f.value->>'id') s.id, f.value->>'id', f.value->>'kind', f.value->>'account', f.value->>'referenceRegion'
     from snapshots s, jsonb_array_elements(s.doc->'families') as f(value)
     where s.id = $1`,
    [snapshot.id],
  );
}

describe.each(testBackends())("migration 3 on $name", (backend) => {
  it("moves the snapshots stored at migration 2 into rows: they read back equal, compare and page", async () => {
    const { env, dispose } = await backend.storeEnv();
    try {
      const older = fullSnapshot("v2-older", "2026-11-20T08:00:00.000Z");
      // Without accountScans, as snapshots stored before they existed: it stays absent.
      const { accountScans: _absent, ...newer } = makeSnapshot({
        id: "v2-newer",
        startedAt: "2026-11-21T08:00:00.000Z",
        findings: [
          makeFinding({
            property: "tags",
            severity: "medium",
            region: "eu-west-1",
            what: "tag-team",
          }),
          makeFinding({
            property: "policy",
            severity: "high",
            region: "eu-west-1",
            what: "wider-decrypt",
          }),
          makeFinding({ property: "grants", severity: "high", region: "eu-west-1", what: "g" }),
        ],
      });
      const client = await openTestClient(env);
      try {
        expect(await migrate(client, MIGRATIONS.slice(0, 2))).toEqual([1, 2]);
        await saveAtVersion2(client, older);
        await saveAtVersion2(client, newer);
      } finally {
        await client.close();
      }

      const store = await openStore({ env });
      try {
        expect(await store.getSnapshot("v2-older")).toEqual(older);
        const readNewer = await store.getSnapshot("v2-newer");
        expect(readNewer).toEqual(newer);
        expect(readNewer && "accountScans" in readNewer).toBe(false);
        const expected = compareFindings(older.findings, newer.findings, {
          from: "v2-older",
          to: "v2-newer",
          coverage: readCoverageOf(newer),
        });
        // Every bucket is exercised: one changed, one unchanged, one new, three gone.
        expect(expected.counts).toMatchObject({ new: 1, changed: 1, unchanged: 1 });
        expect(expected.counts.resolved + expected.counts.unverified).toBe(3);
        expect(await store.compareSnapshots("v2-older", "v2-newer")).toEqual(expected);

        // The family columns are derived on first use, from the migrated rows.
        const page = await store.familyPage({
          ...DEFAULT_FILTERS,
          snapshotId: "v2-older",
          offset: 0,
          limit: 100,
        });
        const matrix = buildFamilyMatrix(older);
        expect(page?.rows).toEqual(filterFamilies(matrix.rows, matrix.regions, DEFAULT_FILTERS));
        expect(page?.regions).toEqual(matrix.regions);
        const inProd = await store.familyPage({
          ...DEFAULT_FILTERS,
          ou: ["Root/Workloads"],
          snapshotId: "v2-older",
          offset: 0,
          limit: 100,
        });
        expect(inProd?.matched).toBe(older.families.length);

        // Migration 4: a sort's page, from the ranks derived on first use, deep and reversed.
        const byName = { ...DEFAULT_FILTERS, sort: "name" as const, dir: "desc" as const };
        const reference = filterFamilies(matrix.rows, matrix.regions, byName);
        expect(reference.length).toBeGreaterThanOrEqual(2);
        const deep = await store.familyPage({
          ...byName,
          snapshotId: "v2-older",
          offset: 1,
          limit: 100,
        });
        expect(deep?.rows).toEqual(reference.slice(1));

        // Migration 5: the last-use and unread-metadata columns filled from the migrated
        // documents give what the whole snapshot gives.
        expect(older.keys.some((k) => k.lastUse?.lastUsed)).toBe(true);
        const facts = await store.residencyFacts("v2-older");
        expect(facts && residencyFromFacts(facts)).toEqual(buildResidency(older));
        const keys = await store.keyPage({
          snapshotId: "v2-older",
          account: [],
          region: [],
          q: "",
          offset: 0,
          limit: 100,
        });
        const refused = older.keys[2] ?? expect.fail("the fixture has a third key");
        expect(keys?.rows.find((k) => k.arn === refused.arn)?.state).toBeNull();
        expect(keys?.rows.filter((k) => k.state === null)).toHaveLength(1);
      } finally {
        await store.close();
      }

      // Key and family documents are json (only checked, not rebuilt, when saved); findings jsonb.
      // A family's document and matrix row are in their own table, not in the rows filters scan.
      const migrated = await openTestClient(env);
      try {
        const types = await migrated.query<{ column: string }>(
          `select table_name || '.' || column_name || ' ' || data_type as column
           from information_schema.columns
           where table_schema = current_schema() and column_name in ('doc', 'matrix_row')
             and table_name in ('snapshot_keys', 'snapshot_families', 'snapshot_family_docs', 'findings')
           order by 1`,
        );
        expect(types.map((t) => t.column)).toEqual([
          "findings.doc jsonb",
          "snapshot_family_docs.doc json",
          "snapshot_family_docs.matrix_row json",
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

describe.each(testBackends())("migration 4 on $name", (backend) => {
  it("ranks the families derived before the ranks in SQL: no derivation again on first use", async () => {
    const { env, dispose } = await backend.storeEnv();
    try {
      const snapshot = fullSnapshot("v3-derived", "2026-11-22T08:00:00.000Z");
      const derived = deriveFamilies(snapshot);
      expect(derived.families.length).toBeGreaterThanOrEqual(2);
      const client = await openTestClient(env);
      try {
        expect(await migrate(client, MIGRATIONS.slice(0, 2))).toEqual([1, 2]);
        await saveAtVersion2(client, snapshot);
        expect(await migrate(client, MIGRATIONS.slice(0, 3))).toEqual([3]);
        // As the build before migration 4 left a snapshot it had derived (DERIVED_VERSION 1).
        for (const family of derived.families)
          await client.query(
            `update snapshot_families set worst_rank = $3, finding_count = $4, matrix_row = $5::jsonb
             where snapshot_id = $1 and position = $2`,
            [
              snapshot.id,
              family.position,
              family.worstRank,
              family.findingCount,
              JSON.stringify(family.row),
            ],
          );
        await client.query(
          "update snapshots set derived_version = 1, matrix_regions = $2::jsonb where id = $1",
          [snapshot.id, JSON.stringify(derived.regions)],
        );
        expect(await migrate(client, MIGRATIONS)).toEqual([4, 5, 6]);
        const [state] = await client.query<{ derived_version: number }>(
          "select derived_version from snapshots where id = $1",
          [snapshot.id],
        );
        expect(state?.derived_version).toBe(DERIVED_VERSION);
        const ranks = await client.query<{
          rank_severity: number;
          rank_name: number;
          rank_findings: number;
          rank_account: number;
        }>(
          `select rank_severity, rank_name, rank_findings, rank_account from snapshot_families
           where snapshot_id = $1 order by position`,
          [snapshot.id],
        );
        expect(
          ranks.map((r) => ({
            severity: r.rank_severity,
            name: r.rank_name,
            findings: r.rank_findings,
            account: r.rank_account,
          })),
        ).toEqual(derived.families.map((f) => f.ranks));
      } finally {
        await client.close();
      }
    } finally {
      await dispose();
    }
  }, 60_000);
});

describe.each(testBackends())("migration 6 on $name", (backend) => {
  it("reads keys stored with their policy inline, and a stored comparison and its counts as before", async () => {
    const { env, dispose } = await backend.storeEnv();
    try {
      const older = fullSnapshot("v5-older", "2026-11-23T08:00:00.000Z");
      const newer = fullSnapshot("v5-newer", "2026-11-24T08:00:00.000Z");
      const policies = older.keys.filter((k) => k.policy !== null);
      expect(policies.length).toBeGreaterThanOrEqual(2);
      const comparison = compareFindings(older.findings, newer.findings, {
        from: older.id,
        to: newer.id,
        coverage: readCoverageOf(newer),
      });
      const client = await openTestClient(env);
      try {
        expect(await migrate(client, MIGRATIONS.slice(0, 2))).toEqual([1, 2]);
        await saveAtVersion2(client, older);
        await saveAtVersion2(client, newer);
        // As a save before migration 6 stored its comparison: jsonb, the counts inside.
        await client.query(
          "insert into snapshot_changes (snapshot_id, previous_id, comparison) values ($1, $2, $3::jsonb)",
          [newer.id, older.id, JSON.stringify(comparison)],
        );
        expect(await migrate(client, MIGRATIONS.slice(0, 5))).toEqual([3, 4, 5]);
        expect(await migrate(client, MIGRATIONS)).toEqual([6]);
      } finally {
        await client.close();
      }

      const store = await openStore({ env });
      try {
        expect(await store.getSnapshot(older.id)).toEqual(older);
        const paged = await store.snapshotRows(older.id, "keys", -1, 100);
        expect(paged.map((r) => r.element)).toEqual(older.keys);
        expect(await store.getChanges(newer.id)).toEqual(comparison);
        const listed = await store.listSnapshots();
        expect(listed.map((s) => [s.id, s.changes])).toEqual([
          [newer.id, comparison.counts],
          [older.id, null],
        ]);
      } finally {
        await store.close();
      }

      const migrated = await openTestClient(env);
      try {
        const types = await migrated.query<{ column: string }>(
          `select column_name || ' ' || data_type || ' ' || is_nullable as column
           from information_schema.columns
           where table_schema = current_schema() and table_name = 'snapshot_changes'
             and column_name in ('comparison', 'counts')
           order by 1`,
        );
        expect(types.map((t) => t.column)).toEqual(["comparison json NO", "counts jsonb NO"]);
        // The keys saved before keep their policies in their own documents.
        const apart = await migrated.query<{ n: number }>(
          "select count(*)::int as n from snapshot_keys where policy_id is not null",
        );
        expect(apart[0]?.n).toBe(0);
      } finally {
        await migrated.close();
      }
    } finally {
      await dispose();
    }
  }, 120_000);
});

import { z } from "zod";
import { parseStored } from "../domain/stored-snapshot";
import type { ResidencyFacts } from "../history/residency-facts";
import { readFindings } from "./save-snapshot";
import { resolveSnapshotId } from "./snapshot-lookup";
import type { SqlQueryable } from "./sql-client";
import type { SnapshotStore } from "./store-types";

export type ResidencyQueries = Pick<SnapshotStore, "residencyFacts">;

const familyRowsSchema = z.array(
  z.object({ family_id: z.string(), name: z.string(), regions: z.array(z.string()) }),
);
const regionListSchema = z.array(z.object({ region: z.string() }));
const heldSchema = z.array(
  z.object({
    region: z.string(),
    last_use_read: z.boolean(),
    key_id: z.string().nullable(),
    account: z.string().nullable(),
    at: z.string().nullable(),
    operation: z.string().nullable(),
  }),
);

// Per region, over the keys that are a family's members (buildResidency's "family keys"):
// whether any had its last use read, and the newest use (among equal times the first key in the
// snapshot's order). One pass over migration 5's last-use columns, never the key documents.
const HELD_KEYS = `with members as (
    select distinct m->>'arn' as arn
    from snapshot_family_docs f, json_array_elements(f.doc->'members') m
    where f.snapshot_id = $1
  ), held as materialized (
    select k.region, k.position, k.key_id, k.account, k.last_use_read, k.last_used_at,
           k.last_used_operation
    from snapshot_keys k join members using (arn) where k.snapshot_id = $1
  ), newest as (
    select distinct on (region) region, key_id, account, last_used_at, last_used_operation
    from held where last_used_at is not null
    order by region, last_used_at collate "C" desc, position
  )
  select r.region, r.last_use_read, n.key_id, n.account, n.last_used_at as at,
         n.last_used_operation as operation
  from (select region, bool_or(last_use_read) as last_use_read from held group by region) r
  left join newest n using (region)`;

async function readResidency(db: SqlQueryable, snapshotId: string): Promise<ResidencyFacts> {
  const label = `stored snapshot ${snapshotId}`;
  const [families, findings, findingRegions, failedRegions, held] = await Promise.all([
    db.query(
      `select f.family_id, f.name,
              array(select distinct m->>'region' from json_array_elements(d.doc->'members') m) as regions
       from snapshot_families f join snapshot_family_docs d using (snapshot_id, position)
       where f.snapshot_id = $1 order by f.position`,
      [snapshotId],
    ),
    readFindings(db, "snapshot_id = $1 and property = 'residency'", [snapshotId]),
    db.query("select distinct region from findings where snapshot_id = $1", [snapshotId]),
    db.query(
      "select distinct region from snapshot_regions where snapshot_id = $1 and status = 'error'",
      [snapshotId],
    ),
    db.query(HELD_KEYS, [snapshotId]),
  ]);
  return {
    snapshotId,
    families: parseStored(familyRowsSchema, families, label).map((f) => ({
      id: f.family_id,
      name: f.name,
      regions: [...f.regions].sort(),
    })),
    residencyFindings: findings,
    findingAndFailedRegions: parseStored(
      regionListSchema,
      [...findingRegions, ...failedRegions],
      label,
    ).map((r) => r.region),
    heldKeys: parseStored(heldSchema, held, label).map((h) => ({
      region: h.region,
      lastUseRead: h.last_use_read,
      newest:
        h.at === null
          ? null
          : {
              at: h.at,
              operation: h.operation ?? "",
              keyId: h.key_id ?? "",
              account: h.account ?? "",
            },
    })),
  };
}

/** Residency facts from SQL: family member regions, residency findings and per-region aggregates of family keys. */
export function createResidencyQueries(db: SqlQueryable): ResidencyQueries {
  return {
    async residencyFacts(id) {
      const snapshotId = await resolveSnapshotId(db, id);
      return snapshotId ? readResidency(db, snapshotId) : null;
    },
  };
}

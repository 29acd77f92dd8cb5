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
const heldSchema = z.array(z.object({ region: z.string(), last_use_read: z.boolean() }));
const newestSchema = z.array(
  z.object({
    region: z.string(),
    key_id: z.string(),
    account: z.string(),
    at: z.string(),
    operation: z.string(),
  }),
);

// The keys that are a family's members (buildResidency's "family keys"), with only the columns
// the map needs: their region, position and last use.
const HELD_KEYS = `with members as (
    select distinct m->>'arn' as arn
    from snapshot_families f, jsonb_array_elements(f.doc->'members') m
    where f.snapshot_id = $1
  ), held as (
    select k.region, k.position, k.key_id, k.account, k.doc->'lastUse' as last_use
    from snapshot_keys k join members using (arn) where k.snapshot_id = $1
  )`;

async function readResidency(db: SqlQueryable, snapshotId: string): Promise<ResidencyFacts> {
  const label = `stored snapshot ${snapshotId}`;
  const [families, findings, findingRegions, failedRegions, held, newest] = await Promise.all([
    db.query(
      `select family_id, name,
              array(select distinct m->>'region' from jsonb_array_elements(doc->'members') m) as regions
       from snapshot_families where snapshot_id = $1 order by position`,
      [snapshotId],
    ),
    readFindings(db, "snapshot_id = $1 and property = 'residency'", [snapshotId]),
    db.query("select distinct region from findings where snapshot_id = $1", [snapshotId]),
    db.query(
      "select distinct region from snapshot_regions where snapshot_id = $1 and status = 'error'",
      [snapshotId],
    ),
    db.query(
      `${HELD_KEYS}
       select region, bool_or(coalesce(jsonb_typeof(last_use), 'null') <> 'null') as last_use_read
       from held group by region`,
      [snapshotId],
    ),
    // The newest use per region; among equal times the first key in the snapshot's order.
    db.query(
      `${HELD_KEYS}
       select distinct on (region) region, key_id, account,
              last_use->'lastUsed'->>'at' as at, last_use->'lastUsed'->>'operation' as operation
       from held where jsonb_typeof(last_use->'lastUsed') = 'object'
       order by region, last_use->'lastUsed'->>'at' collate "C" desc, position`,
      [snapshotId],
    ),
  ]);
  const newestUse = new Map(
    parseStored(newestSchema, newest, label).map((n) => [
      n.region,
      { at: n.at, operation: n.operation, keyId: n.key_id, account: n.account },
    ]),
  );
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
      newest: newestUse.get(h.region) ?? null,
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

import type { SqlQueryable } from "./sql-client";
import { StoreError } from "./store-types";

/** Snapshots in the order the store keeps them: by start time, ties by insertion. */
export const ORDER_NEWEST = "started_ts desc, seq desc";

/** A caller's `limit`, kept between 1 and 1000 rows. */
export function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(1, Math.min(1000, Math.floor(limit)));
}

/** The stored id that `id` names (`latest` is the newest snapshot), or null when there is none. */
export async function resolveSnapshotId(db: SqlQueryable, id: string): Promise<string | null> {
  const rows =
    id === "latest"
      ? await db.query<{ id: string }>(`select id from snapshots order by ${ORDER_NEWEST} limit 1`)
      : await db.query<{ id: string }>("select id from snapshots where id = $1", [id]);
  return rows[0]?.id ?? null;
}

export async function requireSnapshotId(db: SqlQueryable, id: string): Promise<string> {
  const found = await resolveSnapshotId(db, id);
  if (!found) throw new StoreError("not_found", `snapshot ${id} not found`);
  return found;
}

/** The stored snapshot just before `id` in the store's order. */
export async function previousSnapshotId(db: SqlQueryable, id: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `select p.id from snapshots p, snapshots s
     where s.id = $1 and (p.started_ts, p.seq) < (s.started_ts, s.seq)
     order by p.started_ts desc, p.seq desc limit 1`,
    [id],
  );
  return rows[0]?.id ?? null;
}

import { SEVERITIES, type Severity } from "../domain/finding";
import { readStoredFinding } from "./read-stored";
import { clampLimit, ORDER_NEWEST } from "./snapshot-lookup";
import type { SqlQueryable } from "./sql-client";
import type { SeverityTrendPoint } from "../history/listing";
import type { SnapshotStore } from "./store-types";

export type HistoryQueries = Pick<SnapshotStore, "familyHistory" | "severityTrend">;

/** Across the most recent snapshots, oldest first: one family's findings, and the severity counts. */
export function createHistoryQueries(db: SqlQueryable): HistoryQueries {
  return {
    async familyHistory(familyId, limit) {
      const rows = await db.query<{ id: string; started_at: string; findings: unknown[] }>(
        `select r.id, r.started_at,
                coalesce(jsonb_agg(f.doc order by f.position) filter (where f.doc is not null), '[]'::jsonb) as findings
         from (
           select s.id, s.started_at, s.started_ts, s.seq from snapshots s
           where exists (select 1 from snapshot_families sf where sf.snapshot_id = s.id and sf.family_id = $1)
              or exists (select 1 from findings x where x.snapshot_id = s.id and x.family_id = $1)
           order by s.started_ts desc, s.seq desc limit $2
         ) r
         left join findings f on f.snapshot_id = r.id and f.family_id = $1
         group by r.id, r.started_at, r.started_ts, r.seq
         order by r.started_ts, r.seq`,
        [familyId, clampLimit(limit, 100)],
      );
      return rows.map((r) => ({
        snapshotId: r.id,
        startedAt: r.started_at,
        findings: r.findings.map((doc) => readStoredFinding(doc, r.id)),
      }));
    },

    async severityTrend(limit) {
      const rows = await db.query<{
        id: string;
        started_at: string;
        severity: string | null;
        waived: boolean | null;
        n: number;
      }>(
        `select r.id, r.started_at, f.severity, f.waived, count(f.position)::int as n
         from (select id, started_at, started_ts, seq from snapshots order by ${ORDER_NEWEST} limit $1) r
         left join findings f on f.snapshot_id = r.id
         group by r.id, r.started_at, r.started_ts, r.seq, f.severity, f.waived
         order by r.started_ts, r.seq`,
        [clampLimit(limit, 30)],
      );
      const points = new Map<string, SeverityTrendPoint>();
      for (const row of rows) {
        let point = points.get(row.id);
        if (!point) {
          point = {
            snapshotId: row.id,
            startedAt: row.started_at,
            counts: zeroCounts(),
            waived: 0,
          };
          points.set(row.id, point);
        }
        if (row.severity === null) continue;
        if (row.waived) point.waived += row.n;
        else if (isSeverity(row.severity)) point.counts[row.severity] += row.n;
      }
      return [...points.values()];
    },
  };
}

function zeroCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

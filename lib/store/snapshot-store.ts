import { SEVERITIES, type Severity } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { compareFindings } from "../history/compare";
import type { SeverityTrendPoint, SnapshotListItem } from "../history/listing";
import { readCoverageOf } from "../history/read-coverage";
import { createDeliveryStore } from "./delivery-store";
import {
  readStoredComparison,
  readStoredCoverage,
  readStoredFinding,
  readStoredListing,
  readStoredSnapshot,
} from "./read-stored";
import { readFindings, writeSnapshot } from "./save-snapshot";
import type { SqlClient } from "./sql-client";
import { toStorableText } from "./storable-json";
import {
  StoreError,
  type FindingQuery,
  type RunRecord,
  type SnapshotStore,
  type StoreKind,
} from "./store-types";

const ORDER_NEWEST = "started_ts desc, seq desc";

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(1, Math.min(1000, Math.floor(limit)));
}

export function createSnapshotStore(db: SqlClient, kind: StoreKind): SnapshotStore {
  async function resolveId(id: string): Promise<string | null> {
    const rows =
      id === "latest"
        ? await db.query<{ id: string }>(
            `select id from snapshots order by ${ORDER_NEWEST} limit 1`,
          )
        : await db.query<{ id: string }>("select id from snapshots where id = $1", [id]);
    return rows[0]?.id ?? null;
  }

  async function requireId(id: string): Promise<string> {
    const found = await resolveId(id);
    if (!found) throw new StoreError("not_found", `snapshot ${id} not found`);
    return found;
  }

  async function previousId(id: string): Promise<string | null> {
    const rows = await db.query<{ id: string }>(
      `select p.id from snapshots p, snapshots s
       where s.id = $1 and (p.started_ts, p.seq) < (s.started_ts, s.seq)
       order by p.started_ts desc, p.seq desc limit 1`,
      [id],
    );
    return rows[0]?.id ?? null;
  }

  async function loadSnapshot(id: string | null): Promise<Snapshot | null> {
    if (!id) return null;
    const rows = await db.query<{ doc: unknown }>("select doc from snapshots where id = $1", [id]);
    return rows[0] ? readStoredSnapshot(rows[0].doc, id) : null;
  }

  return {
    kind,
    deliveries: createDeliveryStore(db),

    async saveSnapshot(snapshot) {
      const written = await db.transaction((tx) => writeSnapshot(tx, snapshot));
      return { id: snapshot.id, ...written };
    },

    async listSnapshots(opts = {}) {
      const params: unknown[] = [clampLimit(opts.limit, 50)];
      let where = "";
      if (opts.before) {
        params.push(opts.before);
        where = `where (s.started_ts, s.seq) < (select started_ts, seq from snapshots where id = $2)`;
      }
      const rows = await db.query<{
        id: string;
        started_at: string;
        finished_at: string;
        summary: unknown;
        source: unknown;
        counts: unknown;
      }>(
        `select s.id, s.started_at, s.finished_at, s.summary, s.source, c.comparison->'counts' as counts
         from snapshots s left join snapshot_changes c on c.snapshot_id = s.id
         ${where} order by s.started_ts desc, s.seq desc limit $1`,
        params,
      );
      return rows.map((r): SnapshotListItem => ({
        id: r.id,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        ...readStoredListing({ summary: r.summary, source: r.source, changes: r.counts }, r.id),
      }));
    },

    async getSnapshot(id) {
      return loadSnapshot(await resolveId(id));
    },

    async previousSnapshot(id) {
      const resolved = await resolveId(id);
      return resolved ? loadSnapshot(await previousId(resolved)) : null;
    },

    async getChanges(id) {
      const resolved = await resolveId(id);
      if (!resolved) return null;
      const rows = await db.query<{ comparison: unknown }>(
        "select comparison from snapshot_changes where snapshot_id = $1",
        [resolved],
      );
      return rows[0] ? readStoredComparison(rows[0].comparison, resolved) : null;
    },

    async compareSnapshots(fromId, toId) {
      const [from, to] = await Promise.all([requireId(fromId), requireId(toId)]);
      const [before, after, read] = await Promise.all([
        readFindings(db, "snapshot_id = $1", [from]),
        readFindings(db, "snapshot_id = $1", [to]),
        db.query<{ regions: unknown; families: unknown; keys: unknown }>(
          `select doc->'regions' as regions, doc->'families' as families, doc->'keys' as keys
           from snapshots where id = $1`,
          [to],
        ),
      ]);
      const coverage = read[0] ? readCoverageOf(readStoredCoverage(read[0], to)) : undefined;
      return compareFindings(before, after, { from, to, ...(coverage ? { coverage } : {}) });
    },

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

    async findings(query: FindingQuery) {
      const snapshotId = await resolveId(query.snapshotId);
      if (!snapshotId) return [];
      const params: unknown[] = [snapshotId];
      const clauses = ["snapshot_id = $1"];
      const filters: [string, string | undefined][] = [
        ["family_id", query.familyId],
        ["property", query.property],
        ["severity", query.severity],
        ["region", query.region],
        ["finding_id", query.id],
      ];
      for (const [column, value] of filters) {
        if (value === undefined) continue;
        params.push(value);
        clauses.push(`${column} = $${params.length}`);
      }
      return readFindings(db, clauses.join(" and "), params);
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
          const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<
            Severity,
            number
          >;
          point = { snapshotId: row.id, startedAt: row.started_at, counts, waived: 0 };
          points.set(row.id, point);
        }
        if (row.severity === null) continue;
        if (row.waived) point.waived += row.n;
        else if (isSeverity(row.severity)) point.counts[row.severity] += row.n;
      }
      return [...points.values()];
    },

    async recordRun(run) {
      await db.query(
        `insert into scan_runs (started_at, finished_at, trigger, status, reason, snapshot_id)
         values ($1, $2, $3, $4, $5, $6)`,
        [
          run.startedAt,
          run.finishedAt ?? null,
          run.trigger,
          run.status,
          run.reason === undefined ? null : toStorableText(run.reason),
          run.snapshotId ?? null,
        ],
      );
    },

    async listRuns(limit) {
      const rows = await db.query<{
        id: number;
        started_at: string;
        finished_at: string | null;
        trigger: RunRecord["trigger"];
        status: RunRecord["status"];
        reason: string | null;
        snapshot_id: string | null;
      }>(
        `select id, started_at, finished_at, trigger, status, reason, snapshot_id
         from scan_runs order by id desc limit $1`,
        [clampLimit(limit, 50)],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        trigger: r.trigger,
        status: r.status,
        reason: r.reason,
        snapshotId: r.snapshot_id,
      }));
    },

    close: () => db.close(),
  };
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

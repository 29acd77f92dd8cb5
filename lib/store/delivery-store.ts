import { createHash } from "node:crypto";
import type { AttemptRecord, DeliveryRecord, LedgerRow, SinkType } from "../history/deliveries";
import type { DeliveryStore } from "./delivery-types";
import type { SqlClient, SqlQueryable } from "./sql-client";

interface DeliveryRow {
  id: string;
  snapshot_id: string;
  sink: string;
  sink_type: SinkType;
  status: DeliveryRecord["status"];
  content: unknown;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
  [key: string]: unknown;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  started_at: string;
  finished_at: string | null;
  outcome: AttemptRecord["outcome"];
  status_code: number | null;
  error: string | null;
  [key: string]: unknown;
}

const DELIVERY_COLUMNS =
  "id, snapshot_id, sink, sink_type, status, content, attempts, next_attempt_at, last_error, created_at, finished_at";

/** The idempotency key of a (sink, snapshot) delivery: the same in every process and on every retry. */
export function deliveryId(sink: string, snapshotId: string): string {
  return createHash("sha256").update(`${sink}\n${snapshotId}`).digest("hex").slice(0, 32);
}

function toRecord(row: DeliveryRow, attempts: AttemptRow[]): DeliveryRecord {
  return {
    id: row.id,
    snapshotId: row.snapshot_id,
    sink: row.sink,
    sinkType: row.sink_type,
    status: row.status,
    content: row.content,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    attemptLog: attempts
      .filter((a) => a.delivery_id === row.id)
      .map((a) => ({
        attempt: Number(a.attempt),
        startedAt: a.started_at,
        finishedAt: a.finished_at,
        outcome: a.outcome,
        statusCode: a.status_code === null ? null : Number(a.status_code),
        error: a.error,
      })),
  };
}

async function readDeliveries(
  db: SqlQueryable,
  where: string,
  params: unknown[],
): Promise<DeliveryRecord[]> {
  const rows = await db.query<DeliveryRow>(
    `select ${DELIVERY_COLUMNS} from notification_deliveries where ${where}`,
    params,
  );
  if (rows.length === 0) return [];
  const attempts = await db.query<AttemptRow>(
    `select delivery_id, attempt, started_at, finished_at, outcome, status_code, error
     from notification_attempts where delivery_id = any($1::text[]) order by attempt`,
    [rows.map((r) => r.id)],
  );
  return rows.map((row) => toRecord(row, attempts));
}

async function readLedger(
  tx: SqlQueryable,
  sink: string,
  findingIds: string[],
): Promise<Map<string, LedgerRow>> {
  const rows = await tx.query<{ finding_id: string; state: LedgerRow["state"]; severity: string }>(
    `select finding_id, state, severity from notification_ledger
     where sink = $1 and finding_id = any($2::text[])`,
    [sink, findingIds],
  );
  return new Map(
    rows.map((r) => [
      r.finding_id,
      { findingId: r.finding_id, state: r.state, severity: r.severity as LedgerRow["severity"] },
    ]),
  );
}

export function createDeliveryStore(db: SqlClient): DeliveryStore {
  return {
    async plan({ snapshotId, sinks, findingIds, now }, decide) {
      return db.transaction(async (tx) => {
        const existing = new Set(
          (
            await tx.query<{ sink: string }>(
              "select sink from notification_deliveries where snapshot_id = $1",
              [snapshotId],
            )
          ).map((r) => r.sink),
        );
        for (const sink of sinks) {
          if (existing.has(sink.name)) continue;
          const planned = decide(sink, await readLedger(tx, sink.name, findingIds));
          const id = deliveryId(sink.name, snapshotId);
          const inserted = await tx.query(
            `insert into notification_deliveries
               (id, snapshot_id, sink, sink_type, status, content, next_attempt_at, created_at, finished_at)
             values ($1, $2, $3, $4, $5, $6::jsonb, $7, $7, $8)
             on conflict do nothing returning id`,
            [
              id,
              snapshotId,
              sink.name,
              sink.type,
              planned.status,
              JSON.stringify(planned.content),
              now,
              planned.status === "skipped" ? now : null,
            ],
          );
          if (inserted.length === 0) continue;
          for (const entry of planned.ledger) {
            await tx.query(
              `insert into notification_ledger (sink, finding_id, state, severity, delivery_id, updated_at)
               values ($1, $2, $3, $4, $5, $6)
               on conflict (sink, finding_id) do update
               set state = excluded.state, severity = excluded.severity,
                   delivery_id = excluded.delivery_id, updated_at = excluded.updated_at`,
              [sink.name, entry.findingId, entry.state, entry.severity, id, now],
            );
          }
        }
        return readDeliveries(tx, "snapshot_id = $1 order by sink", [snapshotId]);
      });
    },

    async beginAttempt(id, now) {
      return db.transaction(async (tx) => {
        const claimed = await tx.query<{ attempts: number }>(
          `update notification_deliveries
           set status = 'sending', claimed_at = $2, attempts = attempts + 1
           where id = $1 and status = 'pending' returning attempts`,
          [id, now],
        );
        const attempt = claimed[0] === undefined ? null : Number(claimed[0].attempts);
        if (attempt === null) return null;
        await tx.query(
          "insert into notification_attempts (delivery_id, attempt, started_at) values ($1, $2, $3)",
          [id, attempt, now],
        );
        return attempt;
      });
    },

    async finishAttempt(id, attempt, result, now) {
      const status =
        result.outcome === "ok" ? "sent" : result.outcome === "retry" ? "pending" : "failed";
      await db.transaction(async (tx) => {
        await tx.query(
          `update notification_attempts set finished_at = $3, outcome = $4, status_code = $5, error = $6
           where delivery_id = $1 and attempt = $2`,
          [id, attempt, now, result.outcome, result.statusCode ?? null, result.error ?? null],
        );
        await tx.query(
          `update notification_deliveries
           set status = $2, last_error = $3, next_attempt_at = $4, claimed_at = null,
               finished_at = case when $2 in ('sent', 'failed') then $5 else null end
           where id = $1`,
          [id, status, result.error ?? null, result.nextAttemptAt ?? now, now],
        );
      });
    },

    async markInterrupted(staleBefore, now) {
      return db.transaction(async (tx) => {
        const stale = await tx.query<{ id: string; attempts: number }>(
          `update notification_deliveries
           set status = 'unknown', finished_at = $2, claimed_at = null,
               last_error = 'the process stopped during attempt ' || attempts
                 || '; not resent, so that nothing is sent twice'
           where status = 'sending' and claimed_at < $1 returning id, attempts`,
          [staleBefore, now],
        );
        for (const row of stale) {
          await tx.query(
            `update notification_attempts set outcome = 'interrupted', finished_at = $3
             where delivery_id = $1 and attempt = $2 and outcome is null`,
            [row.id, Number(row.attempts), now],
          );
        }
        return stale.length;
      });
    },

    listPending: () => readDeliveries(db, "status = 'pending' order by created_at, sink", []),

    listForSnapshot: (snapshotId) =>
      readDeliveries(db, "snapshot_id = $1 order by sink", [snapshotId]),
  };
}

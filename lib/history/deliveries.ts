import type { Severity } from "../domain/finding";

export type SinkType = "webhook" | "slack" | "email";

/**
 * pending: waiting for its next attempt · sending: an attempt is in flight · sent · failed (gave up)
 * · skipped: nothing to announce · unknown: the process stopped during an attempt, so the receiver
 * may or may not have it; it is not resent, to never send a change twice.
 */
export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "skipped" | "unknown";
export type AttemptOutcome = "ok" | "retry" | "failed" | "interrupted";

/** What one sink was last told about one finding (the per-finding-change idempotency key). */
export interface LedgerRow {
  findingId: string;
  state: "open" | "resolved";
  severity: Severity;
}

export interface AttemptRecord {
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: AttemptOutcome | null;
  statusCode: number | null;
  error: string | null;
}

export interface DeliveryRecord {
  /** The (sink, snapshot) idempotency key. */
  id: string;
  snapshotId: string;
  sink: string;
  sinkType: SinkType;
  status: DeliveryStatus;
  /** What is sent (NotificationContent), fixed when the delivery is planned. */
  content: unknown;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  attemptLog: AttemptRecord[];
}

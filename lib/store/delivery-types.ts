import type { AttemptOutcome, DeliveryRecord, LedgerRow, SinkType } from "../history/deliveries";

/** A sink's delivery for a snapshot, decided inside the planning transaction. */
export interface PlannedDelivery {
  status: "pending" | "skipped";
  content: unknown;
  ledger: LedgerRow[];
}

export interface SinkRef {
  name: string;
  type: SinkType;
}

export interface AttemptResult {
  outcome: Exclude<AttemptOutcome, "interrupted">;
  statusCode?: number;
  error?: string;
  /** When the next attempt is due (outcome `retry`). */
  nextAttemptAt?: string;
}

export interface DeliveryStore {
  /**
   * One transaction: every sink that has no delivery for the snapshot yet gets the one `decide`
   * returns, given what the sink was already told about `findingIds` (its ledger); the ledger is
   * updated with it.
   * Sinks that already have one keep it, so running this twice sends nothing twice.
   */
  plan(
    input: { snapshotId: string; sinks: SinkRef[]; findingIds: string[]; now: string },
    decide: (sink: SinkRef, ledger: ReadonlyMap<string, LedgerRow>) => PlannedDelivery,
  ): Promise<DeliveryRecord[]>;
  /** Claims a pending delivery for one attempt; null when another process has it or it is done. */
  beginAttempt(id: string, now: string): Promise<number | null>;
  finishAttempt(id: string, attempt: number, result: AttemptResult, now: string): Promise<void>;
  /** Deliveries left `sending` since before `staleBefore` (a process died mid-attempt) become unknown. */
  markInterrupted(staleBefore: string, now: string): Promise<number>;
  /** Pending deliveries of every snapshot, oldest first. */
  listPending(): Promise<DeliveryRecord[]>;
  /** The deliveries of one snapshot with their attempts, by sink name. */
  listForSnapshot(snapshotId: string): Promise<DeliveryRecord[]>;
}

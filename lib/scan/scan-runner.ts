import type { Snapshot } from "../domain/snapshot";
import { nothingReadMessage, nothingReadReason } from "../domain/snapshot-status";
import type { SnapshotComparison } from "../history/compare";
import type { RunOutcome, RunTrigger } from "../history/runs";
import type { SnapshotStore } from "../store/store-types";
import { firstLineOf } from "../domain/first-line";

export const SKIP_REASON_BUSY = "previous scan still running";

export type RunEvent =
  | ({ type: "run"; trigger: RunTrigger; startedAt: string; finishedAt: string } & RunOutcome)
  | { type: "error"; message: string };

export interface ScanRunnerOptions {
  runScan: () => Promise<Snapshot>;
  store: SnapshotStore;
  onEvent?: (event: RunEvent) => void;
  now?: () => Date;
  /**
   * Runs after a snapshot is committed (notifications). It is not awaited: a slow or failing sink
   * never delays or fails the scan's outcome.
   */
  afterSave?: (snapshot: Snapshot, saved: { id: string; changes: SnapshotComparison }) => unknown;
}

/**
 * Runs scans one at a time: saves a scan that read something, records every run (ok, failed or
 * skipped) with its reason. A scan that read no region fails like the CLI's exit 2: nothing is saved.
 */
export interface ScanRunner {
  run(trigger: RunTrigger): Promise<RunOutcome>;
  isRunning(): boolean;
}

export function createScanRunner(options: ScanRunnerOptions): ScanRunner {
  const now = options.now ?? (() => new Date());
  let running = false;
  const emit = (event: RunEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's failure must not stop scans.
    }
  };

  function startAfterSave(snapshot: Snapshot, saved: { id: string; changes: SnapshotComparison }) {
    const hook = options.afterSave;
    if (!hook) return;
    void Promise.resolve()
      .then(() => hook(snapshot, saved))
      .catch((error: unknown) =>
        emit({
          type: "error",
          message: `after saving ${saved.id}: ${firstLineOf(error, "scan failed")}`,
        }),
      );
  }

  async function scan(): Promise<RunOutcome> {
    try {
      const snapshot = await options.runScan();
      // A scan that read no region is no evidence: stored, it would mark every finding unverified.
      const nothingRead = nothingReadReason(snapshot.regions);
      if (nothingRead !== null)
        return { status: "failed", reason: nothingReadMessage(nothingRead) };
      const saved = await options.store.saveSnapshot(snapshot);
      startAfterSave(snapshot, saved);
      return {
        status: "ok",
        snapshotId: saved.id,
        changes: saved.changes.counts,
        storageNotes: saved.storageNotes,
      };
    } catch (error) {
      return { status: "failed", reason: firstLineOf(error, "scan failed") };
    }
  }

  async function run(trigger: RunTrigger): Promise<RunOutcome> {
    const startedAt = now().toISOString();
    let outcome: RunOutcome;
    if (running) {
      outcome = { status: "skipped", reason: SKIP_REASON_BUSY };
    } else {
      running = true;
      try {
        outcome = await scan();
      } finally {
        running = false;
      }
    }
    const finishedAt = now().toISOString();
    try {
      await options.store.recordRun({
        startedAt,
        finishedAt,
        trigger,
        status: outcome.status,
        ...(outcome.status === "ok"
          ? { snapshotId: outcome.snapshotId }
          : { reason: outcome.reason }),
      });
    } catch (error) {
      emit({
        type: "error",
        message: `could not record the run: ${firstLineOf(error, "scan failed")}`,
      });
    }
    emit({ type: "run", trigger, startedAt, finishedAt, ...outcome });
    return outcome;
  }

  return { run, isRunning: () => running };
}

import type { NotifyConfig } from "../notify/config-schema";
import { createNotifier, type DeliveryOutcome } from "../notify/notifier";
import type { SnapshotComparison } from "../history/compare";
import type { SnapshotStore } from "../store/store-types";
import type { CliIo } from "./io";

export const DEFAULT_NOTIFY_WAIT_MS = 60_000;

function describe(o: DeliveryOutcome): string {
  const tries = `${o.attempts} attempt${o.attempts === 1 ? "" : "s"}`;
  switch (o.status) {
    case "sent":
      return `sent (${tries})`;
    case "skipped":
      return "nothing to announce";
    case "pending":
      return `still pending after ${tries}${o.error ? ` (${o.error})` : ""}: the next run retries it`;
    default:
      return `${o.status} after ${tries}: ${o.error ?? "no detail"}`;
  }
}

/**
 * `scan --save` with `notify` in the config: delivers, waits at most `waitMs` (no new attempt starts
 * after it; one in flight finishes within its own timeout), and reports each outcome on stderr.
 * A failing sink never changes the exit code: the snapshot is already stored.
 */
export async function notifyAfterSave(
  input: {
    store: SnapshotStore;
    snapshot: { id: string; startedAt: string; finishedAt: string };
    changes: SnapshotComparison;
    config: NotifyConfig;
    waitMs: number;
    quiet: boolean;
  },
  io: CliIo,
): Promise<void> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), input.waitMs);
  try {
    const outcomes = await createNotifier({ store: input.store, env: io.env }).afterSave(
      input.snapshot,
      input.changes,
      input.config,
      stop.signal,
    );
    for (const o of outcomes) {
      const bad = o.status === "failed" || o.status === "unknown" || o.status === "pending";
      if (bad || !input.quiet)
        io.stderr.write(`kms-drift: notification to ${o.sink}: ${describe(o)}\n`);
    }
  } finally {
    clearTimeout(timer);
  }
}

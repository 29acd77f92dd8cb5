import type { z } from "zod";
import { exportSnapshot, readBody } from "../report/export-file";
import { TOOL_VERSION } from "../domain/tool-version";
import type { SnapshotComparison } from "../history/compare";
import type { DeliveryRecord, DeliveryStatus } from "../history/deliveries";
import type { PlannedDelivery } from "../store/delivery-types";
import type { SnapshotStore } from "../store/store-types";
import { retryDelayMs, sleep } from "./backoff";
import type { NotifyConfig, SinkConfig } from "./config-schema";
import { buildContent, type SnapshotRef } from "./content";
import { buildDigest, isEmptyDigest } from "./digest";
import { ledgerUpdates, withoutAnnounced } from "./ledger";
import { sendToSink } from "./send-to-sink";
import type { SendContext } from "./sinks/send-result";
import { notificationContentSchema, type NotificationContent } from "./webhook-schema";

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "content"}: ${issue.message}` : "invalid";
}

/** An attempt still `sending` after this long belongs to a process that died. */
const STALE_AFTER_MS = 5 * 60_000;

export interface DeliveryOutcome {
  sink: string;
  snapshotId: string;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
}

export interface NotifierOptions {
  store: SnapshotStore;
  /** Where the secrets the config names are read. */
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
}

export interface Notifier {
  /**
   * After a snapshot is stored: plans one delivery per sink (idempotent), then delivers it and any
   * older delivery still pending. Never rejects. With `signal`, no new attempt starts once it
   * aborts (attempts in flight finish); what is left stays pending for the next run.
   */
  afterSave(
    snapshot: SnapshotRef,
    changes: SnapshotComparison,
    config: NotifyConfig,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome[]>;
  /** Delivers what earlier runs left pending; marks attempts a dead process left in flight. */
  resume(config: NotifyConfig, signal?: AbortSignal): Promise<DeliveryOutcome[]>;
}

function outcomeOf(record: DeliveryRecord, status = record.status, attempts = record.attempts) {
  return {
    sink: record.sink,
    snapshotId: record.snapshotId,
    status,
    attempts,
    error: record.lastError,
  };
}

function changedIds(changes: SnapshotComparison): string[] {
  return [
    ...changes.new.map((f) => f.id),
    ...changes.resolved.map((f) => f.id),
    ...changes.changed.map((c) => c.id),
  ];
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const iso = () => now().toISOString();

  function planFor(
    sink: SinkConfig,
    config: NotifyConfig,
    snapshot: SnapshotRef,
    changes: SnapshotComparison,
    ledger: Parameters<typeof withoutAnnounced>[1],
  ): PlannedDelivery {
    const threshold = sink.minSeverity ?? config.minSeverity;
    const digest = withoutAnnounced(buildDigest(changes, threshold), ledger);
    const content = buildContent(digest, snapshot, config.dashboardUrl, threshold);
    if (isEmptyDigest(digest)) return { status: "skipped", content, ledger: [] };
    return { status: "pending", content, ledger: ledgerUpdates(digest) };
  }

  async function loadReport(snapshotId: string) {
    const file = await exportSnapshot(store, { snapshotId, format: "html" });
    if (!file) throw new Error(`snapshot ${snapshotId} is not stored`);
    return { filename: file.filename, html: await readBody(file.body) };
  }

  async function deliver(
    record: DeliveryRecord,
    config: NotifyConfig,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome> {
    const sink = config.sinks.find((s) => s.name === record.sink);
    const parsed = notificationContentSchema.safeParse(record.content);
    let next = record.nextAttemptAt;
    for (;;) {
      const wait = Date.parse(next) - now().getTime();
      if (signal?.aborted || (wait > 0 && !(await sleep(wait, signal))))
        return outcomeOf(record, "pending");
      const attempt = await store.deliveries.beginAttempt(record.id, iso());
      if (attempt === null) return outcomeOf(record);
      const result =
        sink === undefined
          ? {
              ok: false as const,
              retryable: false,
              error: `sink ${record.sink} is no longer in the config`,
            }
          : !parsed.success
            ? {
                ok: false as const,
                retryable: false,
                error: `the stored notification is not readable (${describeIssue(parsed.error)})`,
              }
            : await sendToSink(sink, parsed.data as NotificationContent, context(record));
      if (result.ok) {
        await store.deliveries.finishAttempt(
          record.id,
          attempt,
          {
            outcome: "ok",
            ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
          },
          iso(),
        );
        return { ...outcomeOf(record, "sent", attempt), error: null };
      }
      const final = !result.retryable || attempt >= config.retry.attempts;
      next = new Date(
        now().getTime() + retryDelayMs(attempt, config.retry, result.retryAfterMs),
      ).toISOString();
      await store.deliveries.finishAttempt(
        record.id,
        attempt,
        {
          outcome: final ? "failed" : "retry",
          error: result.error,
          ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
          ...(final ? {} : { nextAttemptAt: next }),
        },
        iso(),
      );
      if (final) return { ...outcomeOf(record, "failed", attempt), error: result.error };
      record = { ...record, lastError: result.error, attempts: attempt };
    }

    function context(r: DeliveryRecord): SendContext {
      return {
        deliveryId: r.id,
        env: options.env,
        now,
        timeoutMs: config.retry.timeoutMs,
        loadReport: () => loadReport(r.snapshotId),
        userAgent: `kms-drift/${TOOL_VERSION}`,
      };
    }
  }

  async function deliverAll(
    records: DeliveryRecord[],
    config: NotifyConfig,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome[]> {
    // Sinks are independent: one slow receiver never holds up another.
    return Promise.all(records.map((r) => deliver(r, config, signal)));
  }

  function markStale(): Promise<number> {
    return store.deliveries.markInterrupted(
      new Date(now().getTime() - STALE_AFTER_MS).toISOString(),
      iso(),
    );
  }

  async function resumePending(
    config: NotifyConfig,
    signal?: AbortSignal,
    skip = new Set<string>(),
  ) {
    await markStale();
    const pending = (await store.deliveries.listPending()).filter((r) => !skip.has(r.id));
    return deliverAll(pending, config, signal);
  }

  return {
    async afterSave(snapshot, changes, config, signal) {
      try {
        await markStale();
        const planned = await store.deliveries.plan(
          {
            snapshotId: snapshot.id,
            sinks: config.sinks.map((s) => ({ name: s.name, type: s.type })),
            findingIds: changedIds(changes),
            now: iso(),
          },
          (ref, ledger) => {
            const sink = config.sinks.find((s) => s.name === ref.name);
            if (!sink) throw new Error(`unknown sink ${ref.name}`);
            return planFor(sink, config, snapshot, changes, ledger);
          },
        );
        const mine = planned.filter((r) => r.status === "pending");
        const [current, older] = await Promise.all([
          deliverAll(mine, config, signal),
          resumePending(config, signal, new Set(mine.map((r) => r.id))),
        ]);
        const settled = planned.filter((r) => r.status !== "pending").map((r) => outcomeOf(r));
        return [...settled, ...current, ...older];
      } catch (err) {
        const text = err instanceof Error ? err.message.split("\n")[0] : String(err);
        return [
          {
            sink: "*",
            snapshotId: snapshot.id,
            status: "failed",
            attempts: 0,
            error: `could not plan notifications: ${text}`,
          },
        ];
      }
    },

    async resume(config, signal) {
      try {
        return await resumePending(config, signal);
      } catch (err) {
        const text = err instanceof Error ? err.message.split("\n")[0] : String(err);
        return [
          {
            sink: "*",
            snapshotId: "*",
            status: "failed",
            attempts: 0,
            error: `could not resume notifications: ${text}`,
          },
        ];
      }
    },
  };
}

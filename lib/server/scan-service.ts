import "server-only";
import type { KmsDriftConfig } from "../config";
import { createNotifier, type DeliveryOutcome, type Notifier } from "../notify/notifier";
import { runScan } from "../scan/run-scan";
import { runDistributedScan } from "../scan/queue-waves";
import type { ScanOptions, ScanProgress } from "../scan/types";
import { openQueue, type QueueConnection } from "../queue/open-queue";
import { DEFAULT_LEASE } from "../queue/shard-queue";
import { latestDistributedScan, listWorkers } from "../queue/worker-registry";
import type { WorkersStatus } from "../views/workers-status";
import type { RunOutcome, RunTrigger } from "../history/runs";
import { createScanRunner, type ScanRunner } from "../scan/scan-runner";
import { startScheduler, type Scheduler } from "../scan/scheduler";
import type { ScanStatus } from "../views/scan-status";
import type { Snapshot } from "../domain/snapshot";
import { ENV, readEnv, type EnvOf } from "../env/env";
import { loadDashboardConfig } from "./dashboard-config";
import { latestSnapshotItem } from "./snapshot-cache";
import { getStore } from "./store";

interface ScanService {
  runner: ScanRunner;
  notifier: Notifier;
  scheduler: Scheduler | null;
  status: Omit<ScanStatus, "running" | "nextScheduledRun">;
}

const holder = globalThis as typeof globalThis & {
  __kmsDriftScans?: Promise<ScanService>;
  __kmsDriftQueue?: Promise<QueueConnection>;
};

/** The job queue (KMS_DRIFT_WORKERS=queue), opened once for the server's lifetime. */
function queue(databaseUrl: string): Promise<QueueConnection> {
  holder.__kmsDriftQueue ??= openQueue(databaseUrl, {
    onError: (error) => console.error(`kms-drift: job queue: ${error.message.split("\n")[0]}`),
  }).catch((error: unknown) => {
    holder.__kmsDriftQueue = undefined;
    throw error;
  });
  return holder.__kmsDriftQueue;
}

type Scanner = (options: ScanOptions, onProgress: (p: ScanProgress) => void) => Promise<Snapshot>;

/** In this process, or (KMS_DRIFT_WORKERS=queue) as shards for `kms-drift worker` processes. */
function scannerFor(env: EnvOf<"dashboard">): Scanner {
  const databaseUrl = env.DATABASE_URL;
  if (env.KMS_DRIFT_WORKERS !== "queue" || databaseUrl === undefined) return runScan;
  const lease =
    env.KMS_DRIFT_SHARD_LEASE === undefined
      ? DEFAULT_LEASE
      : { ...DEFAULT_LEASE, leaseSeconds: env.KMS_DRIFT_SHARD_LEASE };
  return async (options, onProgress) =>
    runDistributedScan(await queue(databaseUrl), { ...options, lease }, onProgress);
}

async function createService(): Promise<ScanService> {
  const env = readEnv(ENV.dashboard);
  const store = await getStore();
  const status: ScanService["status"] = { startedAt: null, progress: null, lastOutcome: null };
  const notifier = createNotifier({ store, env: process.env });
  // The config the running scan loaded: its `notify` section decides where that snapshot's news goes.
  let scanConfig: KmsDriftConfig | undefined;
  const scan = async () => {
    const config = await loadDashboardConfig(env);
    scanConfig = config;
    status.startedAt = new Date().toISOString();
    status.progress = null;
    // Only its start and events are carried forward: never read its keys.
    const previous = await store.snapshotPart("latest", { events: true });
    return scannerFor(env)(
      {
        config,
        configFile: env.KMS_DRIFT_CONFIG,
        regions: env.KMS_DRIFT_REGIONS ?? config.regions ?? "all",
        profile: env.AWS_PROFILE,
        ...(previous
          ? { previous: { startedAt: previous.startedAt, events: previous.events } }
          : {}),
      },
      (progress) => {
        status.progress = progress;
      },
    );
  };
  const runner = createScanRunner({
    runScan: scan,
    store,
    afterSave: async (snapshot, saved) => {
      const notify = scanConfig?.notify;
      if (notify) logDeliveries(await notifier.afterSave(snapshot, saved.changes, notify));
    },
    onEvent: (event) => {
      if (event.type === "error") {
        console.error(`kms-drift: ${event.message}`);
        return;
      }
      const { type: _type, startedAt: _startedAt, ...outcome } = event;
      if (outcome.status !== "skipped") status.lastOutcome = outcome;
      if (outcome.status === "failed") console.error(`kms-drift: scan failed: ${outcome.reason}`);
      if (outcome.status === "ok")
        for (const note of outcome.storageNotes)
          console.warn(`kms-drift: stored with a change: ${note}`);
    },
  });
  const schedule = env.KMS_DRIFT_SCHEDULE;
  const scheduler = schedule ? startScheduler({ schedule, runScan: scan, store, runner }) : null;
  return { runner, notifier, scheduler, status };
}

function service(): Promise<ScanService> {
  holder.__kmsDriftScans ??= createService().catch((error: unknown) => {
    holder.__kmsDriftScans = undefined;
    throw error;
  });
  return holder.__kmsDriftScans;
}

/** Runs a scan unless one is running (then the outcome is `skipped`); resolves when it ends. */
export async function scanNow(trigger: RunTrigger = "manual"): Promise<RunOutcome> {
  return (await service()).runner.run(trigger);
}

/**
 * Starts a scan unless one is running; true when this call started it. The check and the start
 * happen in one synchronous step (the runner marks itself running before its first await), so of
 * concurrent callers exactly one gets true.
 */
export async function startScan(trigger: RunTrigger = "manual"): Promise<boolean> {
  const { runner } = await service();
  if (runner.isRunning()) return false;
  void runner.run(trigger);
  return true;
}

export async function getScanStatus(): Promise<ScanStatus> {
  const { runner, scheduler, status } = await service();
  const next = scheduler?.nextRun() ?? null;
  return {
    ...status,
    running: runner.isRunning(),
    nextScheduledRun: next ? next.toISOString() : null,
  };
}

/** GET /api/workers: the worker processes and the latest distributed scan (queue mode only). */
export async function getWorkersStatus(): Promise<WorkersStatus> {
  const env = readEnv(ENV.dashboard);
  if (env.KMS_DRIFT_WORKERS !== "queue" || env.DATABASE_URL === undefined) return { mode: "local" };
  try {
    const { pool } = await queue(env.DATABASE_URL);
    const [workers, scan] = await Promise.all([listWorkers(pool), latestDistributedScan(pool)]);
    return { mode: "queue", workers, scan };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { mode: "queue", workers: [], scan: null, error: message.split("\n")[0] ?? message };
  }
}

/** Failed deliveries go to the server log; every outcome is stored and shown on the snapshot page. */
function logDeliveries(outcomes: DeliveryOutcome[]): void {
  for (const o of outcomes.filter((x) => x.status === "failed" || x.status === "unknown"))
    console.error(`kms-drift: notification to ${o.sink} ${o.status}: ${o.error ?? "no detail"}`);
}

/** Called once when the server starts: schedules scans and takes a first snapshot when there is none. */
export async function startScanService(): Promise<void> {
  const env = readEnv(ENV.dashboard);
  const { notifier } = await service();
  // Deliveries a stopped server left pending go out now (their snapshots are already stored).
  const config = await loadDashboardConfig(env);
  if (config.notify) void notifier.resume(config.notify).then(logDeliveries);
  if (env.KMS_DRIFT_SCAN_ON_START !== "1") return;
  if ((await latestSnapshotItem()) === null) void scanNow("manual");
}

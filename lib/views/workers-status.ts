/** One `kms-drift worker` process as the dashboard lists it (GET /api/workers). */
export interface WorkerView {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  startedAt: string;
  heartbeatAt: string;
  /** Heartbeat within the last 15 s and not stopped. */
  alive: boolean;
  shardsActive: number;
  shardsDone: number;
  /** Attempts that failed on this worker (retried, or recorded as the region's error). */
  shardsFailed: number;
  lastError: string | null;
}

/** The latest distributed scan's shards. */
export interface DistributedScanView {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  shardsTotal: number;
  shardsDone: number;
  shardsFailed: number;
}

/**
 * GET /api/workers: `local` when the dashboard scans in its own process (KMS_DRIFT_WORKERS unset),
 * else the workers seen within the last hour and the latest distributed scan. `error` says why the
 * queue could not be read.
 */
export type WorkersStatus =
  | { mode: "local" }
  | {
      mode: "queue";
      workers: WorkerView[];
      scan: DistributedScanView | null;
      error?: string;
    };

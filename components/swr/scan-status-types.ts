/** The JSON of GET /api/scan (lib/server/scan-service ScanStatus), as the client reads it. */
export interface ScanProgressView {
  phase: "identity" | "list" | "read" | "trail" | "detect" | "done";
  regionsDone: number;
  regionsTotal: number;
  keysRead: number;
  keysTotal: number;
  calls: number;
  throttles: number;
  etaMs: number | null;
}

export type ScanOutcomeView =
  | { status: "ok"; snapshotId: string; trigger: string; finishedAt: string }
  | { status: "failed" | "skipped"; reason: string; trigger: string; finishedAt: string };

export interface ScanStatusView {
  running: boolean;
  startedAt: string | null;
  progress: ScanProgressView | null;
  lastOutcome: ScanOutcomeView | null;
  nextScheduledRun: string | null;
}

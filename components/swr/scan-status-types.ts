import type { ScanProgress } from "@/lib/domain/scan-progress";

/** The JSON of GET /api/scan (lib/server/scan-service ScanStatus), as the client reads it. */
export type ScanProgressView = ScanProgress;

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

import type { ScanProgress } from "../domain/scan-progress";
import type { RunOutcome, RunTrigger } from "../history/runs";

/** GET /api/scan: whether a scan is running, its progress, the last outcome and the next scheduled run. */
export interface ScanStatus {
  running: boolean;
  startedAt: string | null;
  progress: ScanProgress | null;
  lastOutcome: (RunOutcome & { trigger: RunTrigger; finishedAt: string }) | null;
  nextScheduledRun: string | null;
}

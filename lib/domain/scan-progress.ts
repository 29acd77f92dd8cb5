/** Where a running scan is; the CLI's progress bar and the dashboard's both read it. */
export type ScanPhase = "identity" | "list" | "read" | "trail" | "detect" | "done";

export interface ScanProgress {
  phase: ScanPhase;
  regionsDone: number;
  regionsTotal: number;
  keysRead: number;
  keysTotal: number;
  calls: number;
  throttles: number;
  /** Estimated time left, null until it can be estimated. */
  etaMs: number | null;
}

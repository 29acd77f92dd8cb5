/** Where a running scan is; the CLI's progress bar and the dashboard's both read it. */
export type ScanPhase = "identity" | "discover" | "list" | "read" | "trail" | "detect" | "done";

export interface ScanProgress {
  phase: ScanPhase;
  /** Accounts whose every region is done, of the accounts scanned (skipped ones not counted). */
  accountsDone: number;
  accountsTotal: number;
  regionsDone: number;
  regionsTotal: number;
  keysRead: number;
  keysTotal: number;
  calls: number;
  throttles: number;
  /** Estimated time left in the read phase (lib/scan/eta.ts), null until it can be estimated. */
  etaMs: number | null;
}

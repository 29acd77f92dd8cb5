import { setMaxListeners } from "node:events";
import type { KmsDriftConfig } from "../config";
import { ClientPool } from "../aws/client-pool";
import { resolveQuotas } from "../aws/quotas";
import { DeadlineError } from "./deadline";
import type { ProgressTracker } from "./progress-tracker";
import type { PhaseContext } from "./region-phases";
import type { ScanOptions } from "./types";

export const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** What every stage shares: the paced clients, the deadline and the clock regions are timed by. */
export interface ScanSession extends PhaseContext {
  /** Stops the deadline and releases every client; the scan calls it however it ends. */
  close(): void;
}

export interface PacedSessionOptions {
  /** From now until the deadline aborts every paced wait and every call. */
  timeoutMs: number;
  endpoint?: string;
  /** Per-operation quota overrides (config `quotas`). */
  quotas?: Record<string, number>;
  onCall?: (throttled: boolean) => void;
}

/**
 * Paced clients under one deadline: a single-process scan opens one, and a worker one per scan it
 * has shards of (the deadline is the scan's, global to every worker).
 */
export function openPacedSession(options: PacedSessionOptions): ScanSession {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DeadlineError()),
    Math.max(0, options.timeoutMs),
  );
  const signal = deadline.signal;
  // Every paced wait and every region phase listens on the deadline: more than the default 10 listeners.
  setMaxListeners(0, signal);
  const pool = new ClientPool({
    quotas: resolveQuotas(options.quotas),
    signal,
    ...(options.onCall !== undefined ? { onCall: options.onCall } : {}),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
  });
  return {
    pool,
    signal,
    clock: () => performance.now(),
    close() {
      clearTimeout(timer);
      pool.destroy();
    },
  };
}

export function openScanSession(
  options: Pick<ScanOptions, "timeoutMs" | "endpoint">,
  config: KmsDriftConfig,
  progress: ProgressTracker,
): ScanSession {
  return openPacedSession({
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(config.quotas !== undefined ? { quotas: config.quotas } : {}),
    onCall: (throttled) => progress.countCall(throttled),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
  });
}

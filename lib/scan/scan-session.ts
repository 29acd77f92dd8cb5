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

export function openScanSession(
  options: Pick<ScanOptions, "timeoutMs" | "endpoint">,
  config: KmsDriftConfig,
  progress: ProgressTracker,
): ScanSession {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DeadlineError()),
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  const signal = deadline.signal;
  // Every paced wait and every region phase listens on the deadline: more than the default 10 listeners.
  setMaxListeners(0, signal);
  const pool = new ClientPool({
    quotas: resolveQuotas(config.quotas),
    signal,
    onCall: (throttled) => progress.countCall(throttled),
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

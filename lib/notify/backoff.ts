import type { RetryConfig } from "./config-schema";

/**
 * The wait before attempt `attempt + 1`: doubling from `initialDelayMs`, at most `maxDelayMs`, and
 * at least what the receiver asked for (Retry-After) within that cap.
 */
export function retryDelayMs(attempt: number, retry: RetryConfig, retryAfterMs?: number): number {
  const doubling = retry.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(retry.maxDelayMs, Math.max(doubling, retryAfterMs ?? 0));
}

/** Resolves after `ms`, or early (false) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (completed: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(completed);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

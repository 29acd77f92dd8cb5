export const DEADLINE_MESSAGE = "deadline exceeded";

/** The abort reason of the scan deadline; named AbortError so property reads let it through. */
export class DeadlineError extends Error {
  override readonly name = "AbortError";
  constructor() {
    super(DEADLINE_MESSAGE);
  }
}

/**
 * Resolves with the work's outcome, or with `undefined` as soon as the deadline passes: requests
 * still in flight then are not waited for (the SDK call itself is not aborted, see region-phases).
 */
export function beforeDeadline<T>(
  work: Promise<T>,
  signal: AbortSignal,
): Promise<{ value: T } | undefined> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve({ value });
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) resolve(undefined);
        else reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

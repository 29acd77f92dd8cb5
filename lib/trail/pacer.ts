/**
 * Resolves when the caller may start one request. The default pacer also hands back a release
 * function to call when the request has finished; pacers without one (plain `() => Promise<void>`)
 * are fine too.
 */
export type Pacer = () => Promise<void | (() => void)>;

export interface PacerOptions {
  /** Requests allowed within one window. */
  perWindow?: number;
  /** The window length. */
  windowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** A slot whose request never reports back counts as finished after this long (real time). */
  maxHoldMs?: number;
}

/**
 * CloudTrail LookupEvents allows 2 requests per second per account per region, and the quota
 * cannot be raised. AWS counts requests when they arrive, which is some time after we start them,
 * and network or event-loop delays can squeeze two of our windows into one of theirs. So a slot is
 * taken when a request starts and counted from when it *finishes*: the next-but-one request starts
 * at least a full window after the previous-but-one finished. Then no window, measured on any clock
 * between ours and the server's, holds more than `perWindow` requests.
 */
export const LOOKUPS_PER_WINDOW = 2;
export const LOOKUP_WINDOW_MS = 1_000;

export function sleepFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Resolves when `promise` does or after `ms` of real time, whichever comes first. */
function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

interface Slot {
  /** When the request finished; undefined while it runs. */
  endedAt?: number;
  ended: Promise<void>;
}

export function createLookupPacer(options: PacerOptions = {}): Pacer {
  const perWindow = options.perWindow ?? LOOKUPS_PER_WINDOW;
  const windowMs = options.windowMs ?? LOOKUP_WINDOW_MS;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const maxHoldMs = options.maxHoldMs ?? 60_000;
  const slots: Slot[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  async function admit(): Promise<() => void> {
    const gate = slots.length >= perWindow ? slots[slots.length - perWindow] : undefined;
    if (gate) {
      if (gate.endedAt === undefined) await waitAtMost(gate.ended, maxHoldMs);
      const opensAt = (gate.endedAt ?? now()) + windowMs;
      // Timers may fire a millisecond early against the wall clock: re-check until the gate is open.
      while (now() < opensAt) await sleep(opensAt - now());
    }
    let finish: () => void = () => {};
    const slot: Slot = { ended: new Promise<void>((resolve) => (finish = resolve)) };
    slots.push(slot);
    if (slots.length > perWindow) slots.splice(0, slots.length - perWindow);
    return () => {
      if (slot.endedAt !== undefined) return;
      slot.endedAt = now();
      finish();
    };
  }

  return () => {
    const turn = queue.then(admit);
    queue = turn;
    return turn;
  };
}

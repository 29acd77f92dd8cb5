/**
 * A token bucket that paces one operation in one (account, region) under its AWS quota.
 * It also backs off on throttling (AIMD): the account's quota is shared with every other caller,
 * so a ThrottlingException means the real headroom is lower than the nominal quota.
 */
export class TokenBucket {
  private tokens: number;
  private rate: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly maxRate: number,
    private readonly burst = Math.max(1, Math.floor(maxRate / 10)),
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.rate = maxRate;
    this.tokens = burst;
    this.last = clock();
  }

  /** Resolves when one request may be sent. Callers are served in order. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Halves the rate (never below 1/s); called when AWS answered ThrottlingException. */
  slowDown(): void {
    this.rate = Math.max(Math.min(1, this.maxRate), this.rate / 2);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Recovers the rate additively after a success. */
  speedUp(): void {
    if (this.rate < this.maxRate)
      this.rate = Math.min(this.maxRate, this.rate + Math.max(1, this.maxRate / 100));
  }

  get currentRate(): number {
    return this.rate;
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  private async waitForToken(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(((1 - this.tokens) / this.rate) * 1000, signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

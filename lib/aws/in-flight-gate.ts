interface Waiter {
  grant: () => void;
  cancelled: boolean;
}

/**
 * At most `limit` requests on the wire at once, across every client of a scan; the rest wait
 * their turn, in order. An Organization is hundreds of (account, region) clients reading side by
 * side: without a bound they open tens of thousands of sockets at once (EMFILE) and hold as many
 * requests in memory. A request waits here only after its quota token, so a request that is
 * waiting for its (account, region)'s quota never holds a place.
 */
export class InFlightGate {
  private active = 0;
  private readonly waiters: Waiter[] = [];
  private head = 0;

  constructor(readonly limit: number) {}

  get inFlight(): number {
    return this.active;
  }

  /** Resolves with the function that gives the place back (call it once the answer is in). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        cancelled: false,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.releaser());
        },
      };
      const onAbort = () => {
        waiter.cancelled = true;
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.handOn();
    };
  }

  /** Gives a freed place to the next waiter still waiting, or frees it. */
  private handOn(): void {
    while (this.head < this.waiters.length) {
      const next = this.waiters[this.head];
      this.head += 1;
      if (this.head > 1024 && this.head * 2 > this.waiters.length) {
        this.waiters.splice(0, this.head);
        this.head = 0;
      }
      if (next && !next.cancelled) {
        next.grant();
        return;
      }
    }
    this.active -= 1;
  }
}

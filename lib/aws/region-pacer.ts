import { FALLBACK_QUOTA } from "./quotas";
import { TokenBucket } from "./token-bucket";

/** Calls and throttles counted for one (account, region): every attempt counts, retries included. */
export interface RegionCallStats {
  calls: number;
  throttles: number;
  byOperation: Record<string, number>;
  /** Most requests in flight at once (what a latency-bound estimate divides by). */
  peakInFlight: number;
}

/** One token bucket per operation for one (account, region), plus its call counters. */
export class RegionPacer {
  private readonly buckets = new Map<string, TokenBucket>();
  readonly stats: RegionCallStats = { calls: 0, throttles: 0, byOperation: {}, peakInFlight: 0 };
  private inFlight = 0;

  constructor(
    private readonly quotas: Readonly<Record<string, number>>,
    private readonly onCall?: (throttled: boolean) => void,
  ) {}

  bucket(operation: string): TokenBucket {
    let bucket = this.buckets.get(operation);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.quotas[operation] ?? FALLBACK_QUOTA);
      this.buckets.set(operation, bucket);
    }
    return bucket;
  }

  /** Counts one attempt as sent; call the returned function when it is answered. */
  recordAttempt(operation: string): () => void {
    this.inFlight += 1;
    this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
    this.stats.calls += 1;
    this.stats.byOperation[operation] = (this.stats.byOperation[operation] ?? 0) + 1;
    this.onCall?.(false);
    return () => {
      this.inFlight -= 1;
    };
  }

  recordThrottle(operation: string): void {
    this.stats.throttles += 1;
    this.bucket(operation).slowDown();
    this.onCall?.(true);
  }
}

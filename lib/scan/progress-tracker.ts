import { estimateRemainingMs, type BucketProgress } from "./eta";
import type { ScanPhase, ScanProgress } from "./types";

interface ReadBucket {
  total: number;
  done: number;
  finishedMs?: number;
}

const keyOf = (account: string, region: string) => `${account}\u0000${region}`;

/** Counts what the scan did and emits progress events (at most every `intervalMs`, always on phase change). */
export class ProgressTracker {
  phase: ScanPhase = "identity";
  accountsDone = 0;
  accountsTotal = 0;
  regionsDone = 0;
  regionsTotal = 0;
  keysRead = 0;
  keysTotal = 0;
  calls = 0;
  throttles = 0;
  private readStartedMs: number | null = null;
  private lastEmitMs = 0;
  /** Regions not done yet, per account. */
  private readonly openRegions = new Map<string, number>();
  /** Keys planned and read per (account, region): what the ETA is estimated from. */
  private readonly buckets = new Map<string, ReadBucket>();

  constructor(
    private readonly emit: ((event: ScanProgress) => void) | undefined,
    private readonly clock: () => number = () => performance.now(),
    private readonly intervalMs = 100,
  ) {}

  setPhase(phase: ScanPhase): void {
    this.phase = phase;
    if (phase === "read") this.readStartedMs = this.clock();
    this.report(true);
  }

  /** The (account, region) pairs of the scan. */
  planRegions(regions: readonly { account: string; region: string }[]): void {
    this.regionsTotal = regions.length;
    this.openRegions.clear();
    for (const { account } of regions)
      this.openRegions.set(account, (this.openRegions.get(account) ?? 0) + 1);
    this.accountsTotal = this.openRegions.size;
  }

  /** Keys to read per (account, region). */
  planReads(reads: readonly { account: string; region: string; keys: number }[]): void {
    this.buckets.clear();
    this.keysTotal = 0;
    for (const { account, region, keys } of reads) {
      this.buckets.set(keyOf(account, region), { total: keys, done: 0 });
      this.keysTotal += keys;
    }
  }

  countCall(throttled: boolean): void {
    if (throttled) this.throttles += 1;
    else this.calls += 1;
    this.report(false);
  }

  /** Calls made elsewhere (a worker's shard), counted when its result arrives. */
  countCalls(calls: number, throttles: number): void {
    this.calls += calls;
    this.throttles += throttles;
    this.report(false);
  }

  countKeyRead(account: string, region: string): void {
    this.keysRead += 1;
    const bucket = this.buckets.get(keyOf(account, region));
    if (bucket) bucket.done += 1;
    this.report(false);
  }

  countRegionDone(account: string, region: string): void {
    this.regionsDone += 1;
    const bucket = this.buckets.get(keyOf(account, region));
    if (bucket) {
      bucket.finishedMs = this.clock();
      // A region that failed reads no more: it no longer holds the scan up, nor counts in the total.
      this.keysTotal -= bucket.total - bucket.done;
      bucket.total = bucket.done;
    }
    const open = (this.openRegions.get(account) ?? 1) - 1;
    this.openRegions.set(account, open);
    if (open === 0) this.accountsDone += 1;
    this.report(true);
  }

  snapshot(): ScanProgress {
    return {
      phase: this.phase,
      accountsDone: this.accountsDone,
      accountsTotal: this.accountsTotal,
      regionsDone: this.regionsDone,
      regionsTotal: this.regionsTotal,
      keysRead: this.keysRead,
      keysTotal: this.keysTotal,
      calls: this.calls,
      throttles: this.throttles,
      etaMs: this.estimate(),
    };
  }

  private estimate(): number | null {
    if (this.phase === "done") return 0;
    const started = this.readStartedMs;
    if (this.phase !== "read" || started === null || this.keysRead === 0) return null;
    const now = this.clock();
    const buckets: BucketProgress[] = [...this.buckets.values()].map((b) => ({
      total: b.total,
      done: b.done,
      elapsedMs: (b.finishedMs ?? now) - started,
    }));
    return estimateRemainingMs(buckets);
  }

  private report(force: boolean): void {
    if (this.emit === undefined) return;
    const now = this.clock();
    if (!force && now - this.lastEmitMs < this.intervalMs) return;
    this.lastEmitMs = now;
    this.emit(this.snapshot());
  }
}

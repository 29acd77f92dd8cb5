/** How far one (account, region) is through its key reads. */
export interface BucketProgress {
  /** Keys planned for it and keys read so far. */
  total: number;
  done: number;
  /** Time it has been reading (until it finished, for a finished one). */
  elapsedMs: number;
}

/** Keys a bucket must have read before its own rate is trusted. */
export const MIN_SAMPLE = 3;

/**
 * Time left in the read phase, or null while there is nothing to go on.
 *
 * Every (account, region) reads side by side, each paced by its own AWS quotas (GetKeyLastUsage at
 * 5/s is the tightest), so the phase ends no sooner than its slowest bucket. A naive
 * `elapsed / read × remaining` is badly optimistic at hundreds of accounts: the many small regions
 * finish early and inflate the overall rate while one large region still has minutes to go at 5
 * keys/s. So the estimate is the larger of two lower bounds:
 *
 * - the slowest bucket: each unfinished bucket's remaining keys at its own measured rate (keys read
 *   / time reading, once it has read MIN_SAMPLE keys); a bucket without enough samples yet
 *   (including one still waiting for the scan-wide key slots) is assumed as slow as the slowest
 *   measured bucket, finished ones included: every bucket has the same quotas;
 * - the scan's own pace: all remaining keys at the keys per second read so far over every bucket.
 *   This one binds when the scanner itself (its CPU, its scan-wide bound on keys in flight) is the
 *   limit, which at hundreds of accounts it is: then many buckets have not started at all.
 *
 * Null when some bucket can be estimated by nothing.
 */
export function estimateRemainingMs(buckets: readonly BucketProgress[]): number | null {
  const rateOf = (b: BucketProgress) =>
    b.done >= MIN_SAMPLE && b.elapsedMs > 0 ? b.done / b.elapsedMs : undefined;
  const measured = buckets.map(rateOf).filter((r): r is number => r !== undefined);
  const slowest = measured.length > 0 ? Math.min(...measured) : undefined;
  let longest = 0;
  let remainingKeys = 0;
  let doneKeys = 0;
  let phaseMs = 0;
  for (const bucket of buckets) {
    doneKeys += bucket.done;
    phaseMs = Math.max(phaseMs, bucket.elapsedMs);
    const remaining = bucket.total - bucket.done;
    if (remaining <= 0) continue;
    remainingKeys += remaining;
    const rate = rateOf(bucket) ?? slowest;
    if (rate === undefined) return null;
    longest = Math.max(longest, remaining / rate);
  }
  const pace = doneKeys > 0 && phaseMs > 0 ? remainingKeys / (doneKeys / phaseMs) : 0;
  return Math.round(Math.max(longest, pace));
}

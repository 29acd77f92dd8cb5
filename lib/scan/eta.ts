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
 * 5/s is the tightest), so the phase ends when the slowest bucket does, not when the total divided
 * by the total rate says. A naive `elapsed / read × remaining` is badly optimistic at hundreds of
 * accounts: the many small regions finish early and inflate the overall rate, while one large
 * region still has minutes to go at 5 keys/s. So:
 *
 * - each unfinished bucket's time left is its remaining keys divided by its own measured rate
 *   (keys read / time reading), once it has read MIN_SAMPLE keys;
 * - a bucket without enough samples yet is assumed as slow as the slowest measured bucket
 *   (finished ones included): pessimistic, since every bucket has the same quotas;
 * - the estimate is the largest of those times; null when some bucket can be estimated by nothing.
 */
export function estimateRemainingMs(buckets: readonly BucketProgress[]): number | null {
  const rateOf = (b: BucketProgress) =>
    b.done >= MIN_SAMPLE && b.elapsedMs > 0 ? b.done / b.elapsedMs : undefined;
  const measured = buckets.map(rateOf).filter((r): r is number => r !== undefined);
  const slowest = measured.length > 0 ? Math.min(...measured) : undefined;
  let longest = 0;
  for (const bucket of buckets) {
    const remaining = bucket.total - bucket.done;
    if (remaining <= 0) continue;
    const rate = rateOf(bucket) ?? slowest;
    if (rate === undefined) return null;
    longest = Math.max(longest, remaining / rate);
  }
  return Math.round(longest);
}

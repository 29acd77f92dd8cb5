/**
 * A continuously refilling token bucket: `rate` tokens per second, holding at most `capacity`.
 * Time is passed in (milliseconds) so tests can drive it with a fake clock.
 */
export interface TokenBucket {
  tryTake(nowMs: number): boolean;
}

export function createTokenBucket(rate: number, capacity: number, startMs: number): TokenBucket {
  let tokens = capacity;
  let lastMs = startMs;
  return {
    tryTake(nowMs) {
      const elapsedSeconds = Math.max(0, nowMs - lastMs) / 1000;
      tokens = Math.min(capacity, tokens + elapsedSeconds * rate);
      lastMs = Math.max(lastMs, nowMs);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

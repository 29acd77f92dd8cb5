/**
 * Simulated time for a world's history: it only moves forward, so the CloudTrail history the
 * world leaves behind is in the order the calls were made. Whole seconds, like CloudTrail.
 */
export interface SimClock {
  now(): Date;
  /** Moves forward by a random whole number of seconds in [min, max]. */
  advance(minSeconds: number, maxSeconds: number): Date;
  /** Moves to `time` if it is later than now. */
  jumpTo(time: Date): Date;
}

const DAY_MS = 86_400_000;

export function daysBefore(anchor: Date, days: number): Date {
  return new Date(Math.floor((anchor.getTime() - days * DAY_MS) / 1000) * 1000);
}

export function createClock(
  start: Date,
  random: { int(min: number, max: number): number },
): SimClock {
  let current = Math.floor(start.getTime() / 1000) * 1000;
  return {
    now: () => new Date(current),
    advance(minSeconds, maxSeconds) {
      current += random.int(minSeconds, maxSeconds) * 1000;
      return new Date(current);
    },
    jumpTo(time) {
      current = Math.max(current, Math.floor(time.getTime() / 1000) * 1000);
      return new Date(current);
    },
  };
}

/** CloudTrail's `eventTime` format: ISO-8601 without milliseconds. */
export function formatEventTime(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, "Z");
}

import { parseDuration, SINCE_RULE } from "../domain/duration";

/** CloudTrail event history keeps management events for 90 days; older lookups return nothing. */
export const TRAIL_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;

export interface TrailWindow {
  from: Date;
  to: Date;
  /** True when the requested start lay beyond the 90-day retention and was moved forward. */
  clamped: boolean;
}

function toDate(value: Date | string, label: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid ${label}: ${String(value)}`);
  return date;
}

/**
 * The CloudTrail window to look up: from `since` when given, else from the previous snapshot,
 * else the full retention; never older than 90 days, never later than `now`.
 */
export function resolveTrailWindow(input: {
  /** `--since` as typed (`90m`, `36h`, `7d`): the one duration grammar, counted back from `now`. */
  since?: string;
  previousSnapshotAt?: Date | string;
  now: Date;
}): TrailWindow {
  const { now } = input;
  const oldest = new Date(now.getTime() - TRAIL_RETENTION_DAYS * DAY_MS);
  const requested =
    input.since !== undefined
      ? new Date(now.getTime() - parseDuration(input.since, SINCE_RULE))
      : input.previousSnapshotAt !== undefined
        ? toDate(input.previousSnapshotAt, "previous snapshot time")
        : oldest;
  if (requested.getTime() < oldest.getTime()) return { from: oldest, to: now, clamped: true };
  if (requested.getTime() > now.getTime()) return { from: now, to: now, clamped: false };
  return { from: requested, to: now, clamped: false };
}

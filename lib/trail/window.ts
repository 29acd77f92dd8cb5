/** CloudTrail event history keeps management events for 90 days; older lookups return nothing. */
export const TRAIL_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

export interface TrailWindow {
  from: Date;
  to: Date;
  /** True when the requested start lay beyond the 90-day retention and was moved forward. */
  clamped: boolean;
}

/**
 * Parses `--since`: a duration (`90m`, `36h`, `7d`, `2w`) counted back from `now`, or an ISO-8601
 * instant. Returns null when it is neither.
 */
export function parseSince(value: string, now: Date): Date | null {
  const duration = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (duration) {
    const [, amount = "", unit = ""] = duration;
    const unitMs = UNIT_MS[unit.toLowerCase()];
    return unitMs === undefined ? null : new Date(now.getTime() - Number(amount) * unitMs);
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim())) return null;
  const instant = new Date(value.trim());
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function toDate(value: Date | string, now: Date, label: string): Date {
  const date = value instanceof Date ? value : parseSince(value, now);
  if (!date || Number.isNaN(date.getTime()))
    throw new RangeError(`invalid ${label}: ${String(value)}`);
  return date;
}

/**
 * The CloudTrail window to look up: from `since` when given, else from the previous snapshot,
 * else the full retention; never older than 90 days, never later than `now`.
 */
export function resolveTrailWindow(input: {
  since?: Date | string;
  previousSnapshotAt?: Date | string;
  now: Date;
}): TrailWindow {
  const { now } = input;
  const oldest = new Date(now.getTime() - TRAIL_RETENTION_DAYS * DAY_MS);
  const requested =
    input.since !== undefined
      ? toDate(input.since, now, "--since")
      : input.previousSnapshotAt !== undefined
        ? toDate(input.previousSnapshotAt, now, "previous snapshot time")
        : oldest;
  if (requested.getTime() < oldest.getTime()) return { from: oldest, to: now, clamped: true };
  if (requested.getTime() > now.getTime()) return { from: now, to: now, clamped: false };
  return { from: requested, to: now, clamped: false };
}

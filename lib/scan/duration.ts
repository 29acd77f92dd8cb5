const DAY_MS = 86_400_000;
const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS };
/** CloudTrail event history keeps 90 days. */
export const MAX_SINCE_MS = 90 * DAY_MS;

export class DurationError extends Error {
  override readonly name = "DurationError";
}

/** `90m`, `36h`, `7d` → milliseconds; at most `maxMs`. */
export function parseDuration(text: string, maxMs = MAX_SINCE_MS): number {
  const match = /^(\d+)([mhd])$/.exec(text.trim());
  const unit = match?.[2] === undefined ? undefined : UNITS[match[2]];
  if (match?.[1] === undefined || unit === undefined) {
    throw new DurationError(
      `invalid duration "${text}": expected a number followed by m, h or d (e.g. 90m, 36h, 7d)`,
    );
  }
  const ms = Number(match[1]) * unit;
  if (ms <= 0) throw new DurationError(`invalid duration "${text}": must be greater than zero`);
  if (ms > maxMs)
    throw new DurationError(`invalid duration "${text}": at most ${Math.round(maxMs / DAY_MS)}d`);
  return ms;
}

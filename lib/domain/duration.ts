const DAY_MS = 86_400_000;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS } as const;
export type DurationUnit = keyof typeof UNIT_MS;

/** CloudTrail event history keeps 90 days. */
export const MAX_SINCE_MS = 90 * DAY_MS;
/**
 * setTimeout keeps its delay in a signed 32-bit integer: anything above 2^31-1 ms (24.8 days)
 * fires at once. A whole number of days below that is easier to document.
 */
export const MAX_TIMEOUT_MS = 24 * DAY_MS;

/** Which units a flag accepts, its ceiling, and the unit of a bare number (none: a unit is required). */
export interface DurationRule {
  units: readonly DurationUnit[];
  maxMs: number;
  bareUnit?: DurationUnit;
  /** Shown in error messages. */
  example: string;
}

/** `--since`: how far back the CloudTrail window starts (the trail stage reads it with this rule too). */
export const SINCE_RULE: DurationRule = {
  units: ["m", "h", "d"],
  maxMs: MAX_SINCE_MS,
  example: "90m, 36h, 7d",
};
/** `--timeout`: a bare number is seconds. */
export const TIMEOUT_RULE: DurationRule = {
  units: ["ms", "s", "m", "h", "d"],
  maxMs: MAX_TIMEOUT_MS,
  bareUnit: "s",
  example: "300s, 10m, 1h",
};

export class DurationError extends Error {
  override readonly name = "DurationError";
}

function describeMax(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  return `${Math.floor(ms / 1000)}s`;
}

/** The one duration grammar: a whole number and a unit (`90m`, `36h`, `7d`, `300s`) → milliseconds. */
export function parseDuration(text: string, rule: DurationRule = SINCE_RULE): number {
  const trimmed = text.trim();
  const example = rule.example;
  if (trimmed.startsWith("-"))
    throw new DurationError(`invalid duration "${text}": must not be negative (e.g. ${example})`);
  const match = /^(\d+)([a-z]*)$/.exec(trimmed);
  const unit = match?.[2] === "" ? rule.bareUnit : match?.[2];
  const known = rule.units.find((u) => u === unit);
  if (match?.[1] === undefined || known === undefined) {
    throw new DurationError(
      `invalid duration "${text}": expected a whole number followed by ${rule.units.join(", ")} (e.g. ${example})`,
    );
  }
  const ms = Number(match[1]) * UNIT_MS[known];
  if (ms <= 0) throw new DurationError(`invalid duration "${text}": must be greater than zero`);
  if (ms > rule.maxMs)
    throw new DurationError(`invalid duration "${text}": at most ${describeMax(rule.maxMs)}`);
  return ms;
}

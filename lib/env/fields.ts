import { Cron } from "croner";
import { z } from "zod";
import { isKnownRegion, NO_REGION_NAMED, parseRegionList } from "../domain/regions";
import { parseHostEntry, type HostEntry } from "../http/hosts";

// The value grammars environment variables share. Each message is the end of one line:
// `invalid environment variable NAME: <message>`.

/** A whole number written as digits (`3e3`, `0x10`, ` ` and `` are refused, not coerced). */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`));
}

/** Text where an empty value means "not set" (a variable exported as `X=`). */
export const unsetWhenEmpty = z
  .string()
  .trim()
  .min(1)
  .optional()
  .or(z.literal("").transform(() => undefined));

/** `all` or known region names, comma-separated; a list naming none is refused. */
export const regionListField = z.string().transform((text, ctx): string[] | "all" => {
  const regions = parseRegionList(text);
  if (regions === null) {
    ctx.addIssue({ code: "custom", message: NO_REGION_NAMED });
    return z.NEVER;
  }
  const unknown = regions === "all" ? undefined : regions.find((r) => !isKnownRegion(r));
  if (unknown !== undefined) {
    ctx.addIssue({ code: "custom", message: `unknown region ${unknown}` });
    return z.NEVER;
  }
  return regions;
});

function cronProblem(pattern: string): string | null {
  try {
    new Cron(pattern, { paused: true }).stop();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A cron expression croner accepts (5 fields, or 6 with seconds first). */
export const cronSchema = z
  .string()
  .trim()
  .min(1, "empty cron expression")
  .superRefine((pattern, ctx) => {
    const problem = cronProblem(pattern);
    if (problem)
      ctx.addIssue({ code: "custom", message: `invalid cron expression "${pattern}": ${problem}` });
  });

/** A cron expression, or null when unset, empty or `off`. */
export const scheduleField = z
  .string()
  .optional()
  .transform((value) => {
    const trimmed = value?.trim() ?? "";
    return trimmed === "" || trimmed.toLowerCase() === "off" ? null : trimmed;
  })
  .pipe(cronSchema.nullable());

/** Comma-separated `name[:port]` entries; empty means loopback names only. */
export const allowedHostsField = z
  .string()
  .optional()
  .transform((value, ctx): HostEntry[] => {
    const entries: HostEntry[] = [];
    for (const raw of (value ?? "").split(",")) {
      if (raw.trim() === "") continue;
      const entry = parseHostEntry(raw);
      if (!entry) {
        ctx.addIssue({
          code: "custom",
          message: `"${raw.trim()}" is not a host name, an IP address or [IPv6], with an optional :port`,
        });
        return z.NEVER;
      }
      entries.push(entry);
    }
    return entries;
  });

/** `0` or `1`. */
export const flagField = z.enum(["0", "1"], { error: "expected 0 or 1" });

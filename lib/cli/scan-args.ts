import { z } from "zod";
import { SEVERITIES } from "../domain/finding";
import { NO_REGION_NAMED, parseRegionList } from "../domain/regions";
import { roleNameSchema } from "../domain/organization-config";
import {
  DurationError,
  parseDuration,
  SINCE_RULE,
  TIMEOUT_RULE,
  type DurationRule,
} from "../domain/duration";
import { UsageError } from "./io";
import { parseFlags } from "./parse-flags";

const FORMATS = ["json", "table", "csv"] as const;

function parseDurationFlag(flag: string, text: string, rule: DurationRule): number {
  try {
    return parseDuration(text, rule);
  } catch (err) {
    throw new UsageError(`${flag}: ${err instanceof DurationError ? err.message : String(err)}`);
  }
}

const scanFlagsSchema = z.strictObject({
  endpoint: z
    .url({ protocol: /^https?$/, error: "--endpoint: expected an http(s) URL" })
    .optional(),
  profile: z.string().min(1).optional(),
  regions: z
    .string()
    .transform((s, ctx) => {
      const regions = parseRegionList(s);
      if (regions === null)
        ctx.addIssue({ code: "custom", message: `--regions: ${NO_REGION_NAMED}` });
      return regions ?? [];
    })
    .optional(),
  config: z.string().min(1).optional(),
  org: z.boolean().default(false),
  "org-role": roleNameSchema.optional(),
  since: z.string().optional(),
  "no-trail": z.boolean().default(false),
  format: z
    .enum(FORMATS, { error: `--format: expected one of ${FORMATS.join(", ")}` })
    .default("json"),
  out: z.string().min(1).optional(),
  "fail-on": z
    .enum([...SEVERITIES, "none"], {
      error: `--fail-on: expected one of ${[...SEVERITIES, "none"].join(", ")}`,
    })
    .default("high"),
  timeout: z.string().optional(),
  save: z.boolean().default(false),
  "notify-wait": z.string().optional(),
  quiet: z.boolean().default(false),
  concurrency: z.coerce.number().int().min(1).max(256).optional(),
  distributed: z.boolean().default(false),
  help: z.boolean().default(false),
});

export type ScanFlags = Omit<
  z.infer<typeof scanFlagsSchema>,
  "since" | "timeout" | "notify-wait"
> & {
  since?: string;
  timeoutMs?: number;
  /** How long `--save` waits for notification deliveries before exiting. */
  notifyWaitMs?: number;
};

/** `scan` flags: node's parseArgs for the syntax, zod for the values. Throws UsageError. */
export function parseScanArgs(argv: string[]): ScanFlags {
  const { flags: values } = parseFlags(
    argv,
    {
      endpoint: { type: "string" },
      profile: { type: "string" },
      regions: { type: "string" },
      config: { type: "string" },
      org: { type: "boolean" },
      "org-role": { type: "string" },
      since: { type: "string" },
      "no-trail": { type: "boolean" },
      format: { type: "string" },
      out: { type: "string" },
      "fail-on": { type: "string" },
      timeout: { type: "string" },
      save: { type: "boolean" },
      "notify-wait": { type: "string" },
      quiet: { type: "boolean", short: "q" },
      concurrency: { type: "string" },
      distributed: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    scanFlagsSchema,
  );
  const { since, timeout, "notify-wait": notifyWait, ...rest } = values;
  const flags: ScanFlags = rest;
  if (since !== undefined) {
    parseDurationFlag("--since", since, SINCE_RULE);
    flags.since = since;
  }
  if (timeout !== undefined)
    flags.timeoutMs = parseDurationFlag("--timeout", timeout, TIMEOUT_RULE);
  if (notifyWait !== undefined)
    flags.notifyWaitMs = parseDurationFlag("--notify-wait", notifyWait, TIMEOUT_RULE);
  return flags;
}

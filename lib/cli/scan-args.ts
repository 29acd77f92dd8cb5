import { z } from "zod";
import { SEVERITIES } from "../domain/finding";
import { DurationError, parseDuration } from "../scan/duration";
import { UsageError } from "./io";
import { parseFlags } from "./parse-flags";

const FORMATS = ["json", "table", "csv"] as const;

const TIMEOUT_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `--timeout`: `300` (seconds), `300s`, `10m`, `1h`, `500ms`. */
export function parseTimeout(text: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  const amount = match?.[1];
  if (amount === undefined || Number(amount) <= 0)
    throw new UsageError(`invalid --timeout "${text}": expected e.g. 300s, 10m`);
  return Number(amount) * (TIMEOUT_UNITS[match?.[2] ?? "s"] ?? 1000);
}

const scanFlagsSchema = z.strictObject({
  endpoint: z
    .url({ protocol: /^https?$/, error: "--endpoint: expected an http(s) URL" })
    .optional(),
  profile: z.string().min(1).optional(),
  regions: z
    .string()
    .min(1)
    .transform((s) =>
      s === "all"
        ? ("all" as const)
        : s
            .split(",")
            .map((r) => r.trim())
            .filter((r) => r !== ""),
    )
    .optional(),
  config: z.string().min(1).optional(),
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
  quiet: z.boolean().default(false),
  concurrency: z.coerce.number().int().min(1).max(256).optional(),
  help: z.boolean().default(false),
});

export type ScanFlags = Omit<z.infer<typeof scanFlagsSchema>, "since" | "timeout"> & {
  since?: string;
  timeoutMs?: number;
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
      since: { type: "string" },
      "no-trail": { type: "boolean" },
      format: { type: "string" },
      out: { type: "string" },
      "fail-on": { type: "string" },
      timeout: { type: "string" },
      save: { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
      concurrency: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    scanFlagsSchema,
  );
  const { since, timeout, ...rest } = values;
  const flags: ScanFlags = rest;
  if (since !== undefined) {
    try {
      parseDuration(since);
    } catch (err) {
      throw new UsageError(`--since: ${err instanceof DurationError ? err.message : String(err)}`);
    }
    flags.since = since;
  }
  if (timeout !== undefined) flags.timeoutMs = parseTimeout(timeout);
  return flags;
}

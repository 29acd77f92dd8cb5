import { z } from "zod";
import { DurationError, parseDuration, TIMEOUT_RULE } from "../domain/duration";
import { UsageError } from "./io";
import { parseFlags } from "./parse-flags";

const DEFAULT_CONCURRENCY = 128;
const DEFAULT_DRAIN_MS = 60_000;

const workerFlagsSchema = z.strictObject({
  concurrency: z.coerce
    .number({ error: "--concurrency: expected a whole number from 1 to 256" })
    .int("--concurrency: expected a whole number from 1 to 256")
    .min(1, "--concurrency: expected a whole number from 1 to 256")
    .max(256, "--concurrency: expected a whole number from 1 to 256")
    .default(DEFAULT_CONCURRENCY),
  endpoint: z
    .url({ protocol: /^https?$/, error: "--endpoint: expected an http(s) URL" })
    .optional(),
  profile: z.string().min(1).optional(),
  drain: z.string().optional(),
  help: z.boolean().default(false),
});

export type WorkerFlags = Omit<z.infer<typeof workerFlagsSchema>, "drain"> & { drainMs: number };

/** `worker` flags. Throws UsageError. */
export function parseWorkerArgs(argv: string[]): WorkerFlags {
  const { flags } = parseFlags(
    argv,
    {
      concurrency: { type: "string" },
      endpoint: { type: "string" },
      profile: { type: "string" },
      drain: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    workerFlagsSchema,
  );
  const { drain, ...rest } = flags;
  let drainMs = DEFAULT_DRAIN_MS;
  if (drain !== undefined) {
    try {
      drainMs = parseDuration(drain, TIMEOUT_RULE);
    } catch (err) {
      throw new UsageError(`--drain: ${err instanceof DurationError ? err.message : String(err)}`);
    }
  }
  return { ...rest, drainMs };
}

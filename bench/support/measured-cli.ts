import { spawn, type ChildProcessByStdio } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Readable } from "node:stream";
import { z } from "zod";

/** The sandbox auditor's static credentials, and no instance metadata lookup. */
const AUDITOR_ENV = {
  AWS_ACCESS_KEY_ID: "AKIAQKMSDRIFTAUDIT1",
  AWS_SECRET_ACCESS_KEY: "x",
  AWS_EC2_METADATA_DISABLED: "true",
};

const usageSchema = z.object({
  maxRssKb: z.number(),
  cpuMs: z.number(),
  /** The largest JavaScript heap, used and reserved, sampled every 250 ms. */
  maxHeapUsedMb: z.number(),
  maxHeapTotalMb: z.number(),
});
export type Usage = z.infer<typeof usageSchema>;

export interface MeasuredCli {
  child: ChildProcessByStdio<null, Readable | null, Readable>;
  /** Its peak RSS and CPU time, once it has exited. */
  usage(): Usage;
}

/**
 * `kms-drift <args>` as the sandbox auditor, in a process of its own with ./report-usage.ts
 * preloaded: at exit it writes its own peak RSS and CPU time to `usageFile`. stderr is piped.
 */
export function spawnMeasuredCli(
  args: readonly string[],
  options: { usageFile: string; stdout: "inherit" | "ignore"; env?: Record<string, string> },
): MeasuredCli {
  const { usageFile } = options;
  const child = spawn(
    "node",
    ["--import", "tsx", "--import", "./bench/support/report-usage.ts", "lib/cli/main.ts", ...args],
    {
      stdio: ["ignore", options.stdout, "pipe"],
      env: { ...process.env, ...AUDITOR_ENV, ...options.env, KMS_DRIFT_BENCH_USAGE: usageFile },
    },
  );
  return { child, usage: () => usageSchema.parse(JSON.parse(readFileSync(usageFile, "utf8"))) };
}

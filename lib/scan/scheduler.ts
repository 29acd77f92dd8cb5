import { Cron } from "croner";
import { cronSchema } from "../env/fields";
import type { RunOutcome, RunTrigger } from "../history/runs";
import { createScanRunner, type ScanRunner, type ScanRunnerOptions } from "./scan-runner";

export { SKIP_REASON_BUSY, type RunEvent as SchedulerEvent } from "./scan-runner";

export interface SchedulerOptions extends ScanRunnerOptions {
  /** Cron expression (croner): 5 fields, or 6 with seconds first. */
  schedule: string;
  /** Share one runner with the "scan now" route so that scheduled and manual scans never overlap. */
  runner?: ScanRunner;
}

export interface Scheduler {
  stop(): void;
  nextRun(): Date | null;
  isRunning(): boolean;
  /** Runs a scan now under the same one-at-a-time rule. */
  runNow(trigger?: RunTrigger): Promise<RunOutcome>;
}

/** Scans on a cron schedule; a tick while a scan is still running is recorded as skipped. */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const schedule = cronSchema.parse(options.schedule);
  const runner = options.runner ?? createScanRunner(options);
  const job = new Cron(schedule, () => {
    void runner.run("schedule");
  });
  return {
    stop: () => job.stop(),
    nextRun: () => job.nextRun(),
    isRunning: () => runner.isRunning(),
    runNow: (trigger = "manual") => runner.run(trigger),
  };
}

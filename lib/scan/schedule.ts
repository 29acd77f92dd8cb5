import { Cron } from "croner";
import { z } from "zod";

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

/** `KMS_DRIFT_SCHEDULE`: a cron expression, or null when unset, empty or `off`. */
export const scheduleEnvField = z
  .string()
  .optional()
  .transform((value) => {
    const trimmed = value?.trim() ?? "";
    return trimmed === "" || trimmed.toLowerCase() === "off" ? null : trimmed;
  })
  .pipe(cronSchema.nullable());

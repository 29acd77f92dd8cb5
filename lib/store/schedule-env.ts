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

const scheduleEnvSchema = z.object({
  KMS_DRIFT_SCHEDULE: z
    .string()
    .optional()
    .transform((value) => {
      const trimmed = value?.trim() ?? "";
      return trimmed === "" || trimmed.toLowerCase() === "off" ? null : trimmed;
    })
    .pipe(cronSchema.nullable()),
});

/** The scan schedule from `KMS_DRIFT_SCHEDULE`; null when unset, empty or `off`. Throws one clear line when invalid. */
export function readScheduleFromEnv(
  env: Record<string, string | undefined> = process.env,
): string | null {
  const parsed = scheduleEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`KMS_DRIFT_SCHEDULE: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  return parsed.data.KMS_DRIFT_SCHEDULE;
}

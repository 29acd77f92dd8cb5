import { z } from "zod";
import { isKnownRegion, NO_REGION_NAMED, parseRegionList } from "./domain/regions";
import { scheduleEnvField } from "./scan/schedule";

/** `KMS_DRIFT_REGIONS`-style value: `all` or known region names; a list naming none is refused. */
export const regionListEnvField = z.string().transform((text, ctx): string[] | "all" => {
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

const dashboardEnvSchema = z.object({
  KMS_DRIFT_CONFIG: z.string().trim().min(1, "empty path").optional(),
  KMS_DRIFT_REGIONS: regionListEnvField.optional(),
  KMS_DRIFT_SCHEDULE: scheduleEnvField,
  KMS_DRIFT_SCAN_ON_START: z.enum(["0", "1"], { error: "expected 0 or 1" }).default("1"),
  AWS_ENDPOINT_URL: z.url({ error: "expected a URL" }).optional(),
  AWS_PROFILE: z.string().min(1, "empty profile name").optional(),
});

/** The settings the dashboard reads from its environment (scan service, schedule). */
export type DashboardEnv = z.infer<typeof dashboardEnvSchema>;

/**
 * The dashboard's settings, or one line naming the variable that is wrong. `npm start` checks them
 * before it builds or serves, so a bad value stops the start instead of an empty or failing scan.
 */
export function readDashboardEnv(env: Readonly<Record<string, string | undefined>>): DashboardEnv {
  const parsed = dashboardEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return parsed.data;
}

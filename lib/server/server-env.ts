import "server-only";
import { z } from "zod";

const serverEnvSchema = z.object({
  KMS_DRIFT_CONFIG: z.string().min(1).optional(),
  KMS_DRIFT_REGIONS: z
    .string()
    .regex(
      /^(all|[a-z0-9-]+(,[a-z0-9-]+)*)$/,
      "expected `all` or a comma-separated list of regions",
    )
    .optional(),
  KMS_DRIFT_SCAN_ON_START: z.enum(["0", "1"]).default("1"),
  AWS_ENDPOINT_URL: z.url().optional(),
  AWS_PROFILE: z.string().min(1).optional(),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** The dashboard server's settings from the environment; one clear error naming the variable. */
export function readServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = serverEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return parsed.data;
}

import { z } from "zod";
import { allowedHostsSchema, isLoopbackHost } from "./hosts";

const accessEnvSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  KMS_DRIFT_TOKEN: z.string().min(16, "use at least 16 characters").optional(),
  KMS_DRIFT_TRUST_PROXY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "expected an HTTP header name")
    .transform((s) => s.toLowerCase())
    .optional(),
  KMS_DRIFT_ALLOWED_HOSTS: allowedHostsSchema,
});
export type AccessEnv = z.infer<typeof accessEnvSchema>;

/** The dashboard's access settings from the environment, or the one-line reason they are invalid. */
export function readAccessEnv(
  env: Record<string, string | undefined> = process.env,
): AccessEnv | { problem: string } {
  const parsed = accessEnvSchema.safeParse({
    ...env,
    KMS_DRIFT_TOKEN: env.KMS_DRIFT_TOKEN || undefined,
    KMS_DRIFT_TRUST_PROXY_HEADER: env.KMS_DRIFT_TRUST_PROXY_HEADER || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `invalid environment variable ${String(issue?.path[0])}: ${issue?.message}` };
  }
  return parsed.data;
}

/**
 * Why the server must not serve, or null when it may. Beyond loopback it needs authentication (the
 * dashboard shows every key policy of the estate) and the names it is reached by (without them it
 * would answer any Host, which is what DNS rebinding needs).
 */
export function bindingProblem(
  env: Record<string, string | undefined> = process.env,
): string | null {
  const access = readAccessEnv(env);
  if ("problem" in access) return access.problem;
  if (isLoopbackHost(access.HOST)) return null;
  if (!access.KMS_DRIFT_TOKEN && !access.KMS_DRIFT_TRUST_PROXY_HEADER)
    return `HOST=${access.HOST} is not loopback: set KMS_DRIFT_TOKEN (a bearer token) or KMS_DRIFT_TRUST_PROXY_HEADER (the header your authenticating reverse proxy sets)`;
  if (access.KMS_DRIFT_ALLOWED_HOSTS.length === 0)
    return `HOST=${access.HOST} is not loopback: set KMS_DRIFT_ALLOWED_HOSTS to the host names the dashboard is reached by (e.g. dash.example.com,10.0.0.5:3000)`;
  return null;
}

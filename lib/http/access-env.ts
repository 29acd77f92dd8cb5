import { ENV, parseEnv, type EnvOf, type RawEnv } from "../env/env";
import { isLoopbackHost } from "./hosts";

export type AccessEnv = EnvOf<"access">;

/** The dashboard's access settings from the environment, or the one-line reason they are invalid. */
export function readAccessEnv(env: RawEnv = process.env): AccessEnv | { problem: string } {
  const parsed = parseEnv(ENV.access, env);
  return parsed.ok ? parsed.env : { problem: parsed.problem };
}

/**
 * Why the server must not serve, or null when it may. Beyond loopback it needs authentication (the
 * dashboard shows every key policy of the estate) and the names it is reached by (without them it
 * would answer any Host, which is what DNS rebinding needs).
 */
export function bindingProblem(env: RawEnv = process.env): string | null {
  const access = readAccessEnv(env);
  if ("problem" in access) return access.problem;
  if (isLoopbackHost(access.HOST)) return null;
  if (!access.KMS_DRIFT_TOKEN && !access.KMS_DRIFT_TRUST_PROXY_HEADER)
    return `HOST=${access.HOST} is not loopback: set KMS_DRIFT_TOKEN (a bearer token) or KMS_DRIFT_TRUST_PROXY_HEADER (the header your authenticating reverse proxy sets)`;
  if (access.KMS_DRIFT_ALLOWED_HOSTS.length === 0)
    return `HOST=${access.HOST} is not loopback: set KMS_DRIFT_ALLOWED_HOSTS to the host names the dashboard is reached by (e.g. dash.example.com,10.0.0.5:3000)`;
  return null;
}

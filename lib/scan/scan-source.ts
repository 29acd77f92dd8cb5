import { partitionOf } from "../aws/regions";
import { ENV, readEnv } from "../env/env";
import { isLoopbackHost } from "../http/hosts";

/** The endpoint requests actually go to: `--endpoint`, else the env vars the SDK itself honours. */
export function effectiveEndpoint(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const aws = readEnv(ENV.aws, env);
  return explicit ?? aws.AWS_ENDPOINT_URL_KMS ?? aws.AWS_ENDPOINT_URL ?? undefined;
}

/** Whether an endpoint URL names this machine (the loopback rule of lib/http/hosts.ts). */
export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    return isLoopbackHost(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** The partition: explicit, else that of AWS_REGION / AWS_DEFAULT_REGION, else `aws`. */
export function resolvePartition(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (explicit !== undefined) return explicit;
  const aws = readEnv(ENV.aws, env);
  const region = aws.AWS_REGION ?? aws.AWS_DEFAULT_REGION;
  return region ? partitionOf(region) : "aws";
}

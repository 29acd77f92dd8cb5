import { partitionOf } from "../aws/regions";

/** The endpoint requests actually go to: `--endpoint`, else the env vars the SDK itself honours. */
export function effectiveEndpoint(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return explicit ?? env.AWS_ENDPOINT_URL_KMS ?? env.AWS_ENDPOINT_URL ?? undefined;
}

export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
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
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return region ? partitionOf(region) : "aws";
}

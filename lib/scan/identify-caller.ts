import type { AwsCredentialIdentityProvider } from "@smithy/types";
import {
  describeAwsError,
  httpStatusOf,
  isConnectionError,
  isCredentialsError,
} from "../aws/errors";
import { getCallerIdentity, type CallerIdentity } from "../aws/identity";
import { ScanSetupError } from "./types";

/**
 * How many of the scan's regions are asked for the caller's identity before giving up. STS is
 * regional: one region being down must not stop a scan of the others, but a credentials problem
 * answers the same everywhere, so only "no answer" moves on, and only this far.
 */
export const MAX_IDENTITY_REGIONS = 3;

export interface IdentifiedCaller extends CallerIdentity {
  /** The region whose STS answered: AssumeRole for other accounts goes there too. */
  stsRegion: string;
}

/** STS in that region gave no answer (no connection, timeout, 5xx): another region's STS may. */
function noAnswer(err: unknown): boolean {
  const status = httpStatusOf(err);
  return isConnectionError(err) || (status !== undefined && status >= 500);
}

/**
 * Who the base credentials are, asked of the listed regions in order until one answers; failures
 * here stop the scan before any region is touched.
 */
export async function identifyCaller(
  credentials: AwsCredentialIdentityProvider,
  regions: readonly string[],
  endpoint: string | undefined,
  signal: AbortSignal,
): Promise<IdentifiedCaller> {
  const tried = regions.slice(0, MAX_IDENTITY_REGIONS);
  let firstError: unknown;
  for (const region of tried) {
    try {
      return {
        ...(await getCallerIdentity(credentials, region, endpoint, signal)),
        stsRegion: region,
      };
    } catch (err) {
      firstError ??= err;
      if (signal.aborted || !noAnswer(err)) break;
    }
  }
  throw setupError(firstError, tried, endpoint, signal);
}

function setupError(
  err: unknown,
  tried: readonly string[],
  endpoint: string | undefined,
  signal: AbortSignal,
): ScanSetupError {
  if (isCredentialsError(err))
    return new ScanSetupError(
      "credentials",
      `no AWS credentials found: ${describeAwsError(err).replace(/^CredentialsProviderError: /, "")}`,
    );
  if (signal.aborted)
    return new ScanSetupError("connection", "deadline exceeded before the scan could start");
  if (noAnswer(err))
    return new ScanSetupError(
      "connection",
      `cannot reach AWS${endpoint !== undefined ? ` at ${endpoint}` : ""}: ${describeAwsError(err)} (sts:GetCallerIdentity tried in ${tried.join(", ")})`,
    );
  return new ScanSetupError(
    "credentials",
    `credentials rejected by sts:GetCallerIdentity: ${describeAwsError(err)}`,
  );
}

/**
 * How long a worker waits for sts:GetCallerIdentity. A worker asks once for all its shards: an STS
 * that never answers must fail that shard's attempt (pg-boss retries it, maybe elsewhere), not
 * hold the worker and every shard behind it for good.
 */
export const WORKER_IDENTITY_TIMEOUT_MS = 15_000;

/** The account of a worker's base credentials, or a one-line failure within `timeoutMs`. */
export async function identifyWorkerAccount(
  credentials: AwsCredentialIdentityProvider,
  region: string,
  endpoint: string | undefined,
  timeoutMs: number = WORKER_IDENTITY_TIMEOUT_MS,
): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return (await getCallerIdentity(credentials, region, endpoint, signal)).account;
  } catch (err) {
    if (signal.aborted)
      throw new Error(
        `sts:GetCallerIdentity gave no answer in ${region} within ${timeoutMs / 1000} s`,
      );
    throw err;
  }
}

import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { describeAwsError, isConnectionError, isCredentialsError } from "../aws/errors";
import { getCallerIdentity, type CallerIdentity } from "../aws/identity";
import { ScanSetupError } from "./types";

/** Who the base credentials are; failures here stop the scan before any region is touched. */
export async function identifyCaller(
  credentials: AwsCredentialIdentityProvider,
  region: string,
  endpoint: string | undefined,
  signal: AbortSignal,
): Promise<CallerIdentity> {
  try {
    return await getCallerIdentity(credentials, region, endpoint, signal);
  } catch (err) {
    if (isCredentialsError(err))
      throw new ScanSetupError(
        "credentials",
        `no AWS credentials found: ${describeAwsError(err).replace(/^CredentialsProviderError: /, "")}`,
      );
    if (isConnectionError(err))
      throw new ScanSetupError(
        "connection",
        `cannot reach AWS${endpoint !== undefined ? ` at ${endpoint}` : ""}: ${describeAwsError(err)}`,
      );
    if (signal.aborted)
      throw new ScanSetupError("connection", "deadline exceeded before the scan could start");
    throw new ScanSetupError(
      "credentials",
      `credentials rejected by sts:GetCallerIdentity: ${describeAwsError(err)}`,
    );
  }
}

import {
  fromIni,
  fromNodeProviderChain,
  fromTemporaryCredentials,
} from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

export interface CredentialOptions {
  /** A named profile of the shared config files (`--profile`). */
  profile?: string;
  /** Explicit credentials (tests, embedding); otherwise the default provider chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface AssumeRoleTarget {
  roleArn: string;
  externalId?: string;
  /** Where STS is called (its region and, for emulators, its endpoint). */
  stsRegion: string;
  endpoint?: string;
}

/** The base credentials: explicit, a profile, or the default chain (env, SSO, shared files, IMDS…). */
export function resolveBaseCredentials(options: CredentialOptions): AwsCredentialIdentityProvider {
  if (options.credentials !== undefined) {
    const given = options.credentials;
    return typeof given === "function" ? given : () => Promise.resolve(given);
  }
  return memoizeCredentials(
    options.profile !== undefined ? fromIni({ profile: options.profile }) : fromNodeProviderChain(),
  );
}

/** Credentials of another account through sts:AssumeRole, shared by every client of that account. */
export function assumeRoleCredentials(
  base: AwsCredentialIdentityProvider,
  target: AssumeRoleTarget,
): AwsCredentialIdentityProvider {
  const assume = fromTemporaryCredentials({
    masterCredentials: base,
    params: {
      RoleArn: target.roleArn,
      RoleSessionName: "kms-drift",
      ...(target.externalId !== undefined ? { ExternalId: target.externalId } : {}),
    },
    clientConfig: {
      region: target.stsRegion,
      ...(target.endpoint !== undefined ? { endpoint: target.endpoint } : {}),
    },
  });
  return memoizeCredentials(() =>
    assume().catch((err: unknown) => {
      // The name stays (AccessDenied …); the message names the role, as every region of the account shows it.
      if (err instanceof Error) err.message = `cannot assume ${target.roleArn}: ${err.message}`;
      throw err;
    }),
  );
}

const REFRESH_MARGIN_MS = 5 * 60_000;
/** A failed resolution (e.g. AssumeRole denied) is not retried by every region's client within this window. */
const FAILURE_TTL_MS = 60_000;

/**
 * One in-flight resolution shared by all clients (one AssumeRole per account, not per region). A
 * failure is shared too: with the clients that were waiting for it, and with every client for
 * FAILURE_TTL_MS after it.
 */
export function memoizeCredentials(
  provider: AwsCredentialIdentityProvider,
): AwsCredentialIdentityProvider {
  let cached: Promise<AwsCredentialIdentity> | undefined;
  let failedAt: number | undefined;
  return async () => {
    if (cached !== undefined) {
      const current = cached;
      if (failedAt !== undefined) {
        if (Date.now() - failedAt < FAILURE_TTL_MS) return current;
      } else {
        const identity = await current.catch(() => undefined);
        // It failed while this client waited: the same answer, not another request.
        if (identity === undefined) return current;
        const expiry = identity.expiration?.getTime();
        if (expiry === undefined || expiry - Date.now() > REFRESH_MARGIN_MS) return identity;
      }
    }
    failedAt = undefined;
    const attempt = provider();
    cached = attempt;
    attempt.catch(() => {
      if (cached === attempt) failedAt = Date.now();
    });
    return attempt;
  };
}

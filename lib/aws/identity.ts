import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { KmsDriftRetryStrategy } from "./retry-strategy";

export interface CallerIdentity {
  account: string;
  arn: string;
}

/** sts:GetCallerIdentity with the base credentials: which account they belong to (and that they work). */
export async function getCallerIdentity(
  credentials: AwsCredentialIdentityProvider,
  region: string,
  endpoint?: string,
  signal?: AbortSignal,
): Promise<CallerIdentity> {
  const client = new STSClient({
    region,
    credentials,
    retryStrategy: new KmsDriftRetryStrategy(),
    ...(endpoint !== undefined ? { endpoint } : {}),
  });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    if (out.Account === undefined) throw new Error("GetCallerIdentity returned no account");
    return { account: out.Account, arn: out.Arn ?? "" };
  } finally {
    client.destroy();
  }
}

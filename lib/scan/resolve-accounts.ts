import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { KmsDriftConfig } from "../config";
import { assumeRoleCredentials } from "../aws/credentials";
import { ScanSetupError } from "./types";

export interface ScanAccount {
  id: string;
  credentials: AwsCredentialIdentityProvider;
}

/**
 * The base credentials' own account, then every configured account: through its role
 * (sts:AssumeRole, optionally with an external id), or with the base credentials when it is the
 * caller's own account and names no role.
 */
export function resolveAccounts(
  base: AwsCredentialIdentityProvider,
  callerAccount: string,
  config: KmsDriftConfig,
  stsRegion: string,
  endpoint: string | undefined,
): ScanAccount[] {
  const accounts = new Map<string, ScanAccount>([
    [callerAccount, { id: callerAccount, credentials: base }],
  ]);
  for (const account of config.accounts ?? []) {
    if (account.roleArn === undefined) {
      if (account.id !== callerAccount) {
        throw new ScanSetupError(
          "usage",
          `config accounts: ${account.id} has no roleArn and is not the caller's account ${callerAccount}`,
        );
      }
      accounts.set(account.id, { id: account.id, credentials: base });
      continue;
    }
    const credentials = assumeRoleCredentials(base, {
      roleArn: account.roleArn,
      stsRegion,
      ...(account.externalId !== undefined ? { externalId: account.externalId } : {}),
      ...(endpoint !== undefined ? { endpoint } : {}),
    });
    accounts.set(account.id, { id: account.id, credentials });
  }
  return [...accounts.values()];
}

import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { KmsDriftConfig } from "../config";
import { assumeRoleCredentials } from "../aws/credentials";
import type { AccountScan } from "../domain/account-scan";
import type { DiscoveredAccount } from "./discover-accounts";
import { ScanSetupError } from "./types";

/**
 * How an account is reached, without secrets: a shard job carries it so that a worker reaches the
 * account the same way, from its own base credentials.
 */
export type AccountAccess =
  { kind: "base" } | { kind: "role"; roleArn: string; externalId?: string; stsRegion: string };

export interface ScanAccount {
  id: string;
  credentials: AwsCredentialIdentityProvider;
  access: AccountAccess;
  source: AccountScan["source"];
  /** The name the config gives it. */
  name?: string;
  /** What the Organization says about it, when it was discovered there. */
  organization?: DiscoveredAccount;
}

/** The accounts discovery found, and how to reach them. */
export interface OrganizationTargets {
  accounts: readonly DiscoveredAccount[];
  roleName: string;
  externalId?: string;
  partition: string;
}

/**
 * The base credentials' own account, then every configured account: through its role
 * (sts:AssumeRole, optionally with an external id), or with the base credentials when it is the
 * caller's own account and names no role; then every account discovered in the Organization,
 * through `roleName`. An account both configured and discovered is reached as configured (its
 * `roleArn` and `externalId` win); a discovered account that is the caller's own uses the base
 * credentials.
 */
export function resolveAccounts(
  base: AwsCredentialIdentityProvider,
  callerAccount: string,
  config: KmsDriftConfig,
  stsRegion: string,
  endpoint: string | undefined,
  organization?: OrganizationTargets,
): ScanAccount[] {
  const assume = (roleArn: string, externalId: string | undefined) => {
    const access: AccountAccess = {
      kind: "role",
      roleArn,
      stsRegion,
      ...(externalId !== undefined ? { externalId } : {}),
    };
    return { access, credentials: credentialsFor(base, access, endpoint) };
  };
  const accounts = new Map<string, ScanAccount>([
    [
      callerAccount,
      { id: callerAccount, credentials: base, access: { kind: "base" }, source: "caller" },
    ],
  ]);
  for (const account of config.accounts ?? []) {
    const named = account.name !== undefined ? { name: account.name } : {};
    if (account.roleArn === undefined) {
      if (account.id !== callerAccount) {
        throw new ScanSetupError(
          "usage",
          `config accounts: ${account.id} has no roleArn and is not the caller's account ${callerAccount}`,
        );
      }
      Object.assign(accounts.get(callerAccount) ?? {}, named);
      continue;
    }
    accounts.set(account.id, {
      id: account.id,
      ...assume(account.roleArn, account.externalId),
      source: account.id === callerAccount ? "caller" : "config",
      ...named,
    });
  }
  for (const discovered of organization?.accounts ?? []) {
    const known = accounts.get(discovered.id);
    if (known !== undefined) {
      known.organization = discovered;
      continue;
    }
    const roleArn = `arn:${organization?.partition ?? "aws"}:iam::${discovered.id}:role/${organization?.roleName ?? ""}`;
    accounts.set(discovered.id, {
      id: discovered.id,
      ...assume(roleArn, organization?.externalId),
      source: "organization",
      organization: discovered,
    });
  }
  return [...accounts.values()];
}

/** The credentials an access description stands for, from the base credentials. */
export function credentialsFor(
  base: AwsCredentialIdentityProvider,
  access: AccountAccess,
  endpoint: string | undefined,
): AwsCredentialIdentityProvider {
  if (access.kind === "base") return base;
  return assumeRoleCredentials(base, {
    roleArn: access.roleArn,
    stsRegion: access.stsRegion,
    ...(access.externalId !== undefined ? { externalId: access.externalId } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
  });
}

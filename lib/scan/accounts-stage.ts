import type { KmsDriftConfig } from "../config";
import { resolveBaseCredentials } from "../aws/credentials";
import { discoverOrganization, type Discovery } from "./discover-accounts";
import { identifyCaller } from "./identify-caller";
import type { ProgressTracker } from "./progress-tracker";
import { resolveAccounts, type ScanAccount } from "./resolve-accounts";
import type { ScanSession } from "./scan-session";
import type { ScanOptions } from "./types";

export interface ReachedAccounts {
  accounts: ScanAccount[];
  /** The Organization's accounts and the ones skipped, when the config names an organization. */
  discovery?: Discovery;
}

/**
 * Identity: who the base credentials are, the Organization's accounts when the config asks for
 * them, then every account the scan reaches, each registered with the client pool under its own
 * credentials.
 */
export async function reachAccounts(
  options: ScanOptions,
  config: KmsDriftConfig,
  regions: readonly string[],
  partition: string,
  session: ScanSession,
  progress: ProgressTracker,
): Promise<ReachedAccounts> {
  const base = resolveBaseCredentials(options);
  const caller = await identifyCaller(
    base,
    regions.length > 0 ? regions : ["us-east-1"],
    options.endpoint,
    session.signal,
  );
  const organization = config.organization;
  let discovery: Discovery | undefined;
  if (organization !== undefined) {
    progress.setPhase("discover");
    discovery = await discoverOrganization({
      credentials: base,
      caller: caller.account,
      config: organization,
      partition,
      signal: session.signal,
      ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    });
  }
  const accounts = resolveAccounts(
    base,
    caller.account,
    config,
    caller.stsRegion,
    options.endpoint,
    discovery && organization
      ? {
          accounts: discovery.targets,
          roleName: organization.roleName,
          partition,
          ...(organization.externalId !== undefined ? { externalId: organization.externalId } : {}),
        }
      : undefined,
  );
  for (const account of accounts)
    session.pool.setAccountCredentials(account.id, account.credentials);
  return { accounts, ...(discovery ? { discovery } : {}) };
}

import type { KmsDriftConfig } from "../config";
import { resolveBaseCredentials } from "../aws/credentials";
import { identifyCaller } from "./identify-caller";
import { resolveAccounts, type ScanAccount } from "./resolve-accounts";
import type { ScanSession } from "./scan-session";
import type { ScanOptions } from "./types";

/**
 * Identity: who the base credentials are, then every account the scan reaches, each registered
 * with the client pool under its own credentials.
 */
export async function reachAccounts(
  options: ScanOptions,
  config: KmsDriftConfig,
  regions: readonly string[],
  session: ScanSession,
): Promise<ScanAccount[]> {
  const base = resolveBaseCredentials(options);
  const caller = await identifyCaller(
    base,
    regions.length > 0 ? regions : ["us-east-1"],
    options.endpoint,
    session.signal,
  );
  const accounts = resolveAccounts(
    base,
    caller.account,
    config,
    caller.stsRegion,
    options.endpoint,
  );
  for (const account of accounts)
    session.pool.setAccountCredentials(account.id, account.credentials);
  return accounts;
}

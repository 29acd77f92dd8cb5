/**
 * How each account of a scan fared: scanned (`ok | partial | error`) or deliberately left out
 * (`skipped`), always with the reason when it is not `ok`. An account the scan knew of is never
 * missing from `Snapshot.accountScans`.
 */
export type AccountScanStatus = "ok" | "partial" | "error" | "skipped";

export const ACCOUNT_SCAN_STATUSES = [
  "ok",
  "partial",
  "error",
  "skipped",
] as const satisfies readonly AccountScanStatus[];

export interface AccountScan {
  account: string;
  /** How the scan came to it: the base credentials' own account, config `accounts`, or discovery. */
  source: "caller" | "config" | "organization";
  /** The account's name in the Organization. */
  name?: string;
  /** The root or OU it sits in, and the path of names from the root (`Root/Workloads/Prod`). */
  ou?: { id: string; path: string };
  /** The account's tags in the Organization (read for the accounts that are scanned). */
  tags?: Record<string, string>;
  /** Organizations' account `State` (ACTIVE, SUSPENDED, PENDING_CLOSURE…). */
  state?: string;
  /**
   * `ok`: every region read (or not enabled); `partial`: some regions failed, some were read;
   * `error`: no region could be read (e.g. AccessDenied on AssumeRole); `skipped`: not scanned on
   * purpose (suspended, outside the OU filter, excluded).
   */
  status: AccountScanStatus;
  reason?: string;
}

/** The AWS Organization a scan discovered its accounts in. */
export interface ScannedOrganization {
  id: string;
  managementAccount: string;
  /** The role assumed in every discovered account. */
  roleName: string;
}

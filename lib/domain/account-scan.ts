import { z } from "zod";

/**
 * How each account of a scan fared: scanned (`ok | partial | error`) or deliberately left out
 * (`skipped`), always with the reason when it is not `ok`. An account the scan knew of is never
 * missing from `Snapshot.accountScans`.
 */
export const ACCOUNT_SCAN_STATUSES = ["ok", "partial", "error", "skipped"] as const;
export type AccountScanStatus = (typeof ACCOUNT_SCAN_STATUSES)[number];

export const accountScanSchema = z.strictObject({
  account: z.string(),
  /** How the scan came to it: the base credentials' own account, config `accounts`, or discovery. */
  source: z.enum(["caller", "config", "organization"]),
  /** The account's name in the Organization. */
  name: z.string().optional(),
  /** The root or OU it sits in, and the path of names from the root (`Root/Workloads/Prod`). */
  ou: z.strictObject({ id: z.string(), path: z.string() }).optional(),
  /** The account's tags in the Organization (read for the accounts that are scanned). */
  tags: z.record(z.string(), z.string()).optional(),
  /** Organizations' account `State` (ACTIVE, SUSPENDED, PENDING_CLOSURE…). */
  state: z.string().optional(),
  /**
   * `ok`: every region read (or not enabled); `partial`: some regions failed, some were read;
   * `error`: no region could be read (e.g. AccessDenied on AssumeRole); `skipped`: not scanned on
   * purpose (suspended, outside the OU filter, excluded).
   */
  status: z.enum(ACCOUNT_SCAN_STATUSES),
  reason: z.string().optional(),
});
export type AccountScan = z.infer<typeof accountScanSchema>;

/** The AWS Organization a scan discovered its accounts in; `roleName` is assumed in each. */
export const scannedOrganizationSchema = z.strictObject({
  id: z.string(),
  managementAccount: z.string(),
  roleName: z.string(),
});
export type ScannedOrganization = z.infer<typeof scannedOrganizationSchema>;

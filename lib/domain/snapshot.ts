import { z } from "zod";
import {
  ACCOUNT_SCAN_STATUSES,
  accountScanSchema,
  scannedOrganizationSchema,
  type AccountScanStatus,
} from "./account-scan";
import { familySchema } from "./family";
import { findingSchema, SEVERITIES, type Severity } from "./finding";
import { keyRecordSchema } from "./key-record";
import { trailEventSchema } from "./trail-event";

export const REGION_STATUSES = ["ok", "partial", "error", "not-enabled"] as const;
export type RegionStatus = (typeof REGION_STATUSES)[number];

export const trailCoverageSchema = z.discriminatedUnion("status", [
  z.strictObject({
    status: z.literal("ok"),
    from: z.string(),
    to: z.string(),
    lookups: z.number(),
    events: z.number(),
  }),
  z.strictObject({
    status: z.literal("truncated"),
    from: z.string(),
    to: z.string(),
    lookups: z.number(),
    events: z.number(),
    reason: z.string(),
  }),
  z.strictObject({ status: z.literal("error"), reason: z.string() }),
  z.strictObject({ status: z.literal("skipped"), reason: z.string() }),
]);
export type TrailCoverage = z.infer<typeof trailCoverageSchema>;

/** One (account, region) of a scan; `trail` is the CloudTrail window covered, when attribution ran. */
const regionScanSchema = z.strictObject({
  account: z.string(),
  region: z.string(),
  status: z.enum(REGION_STATUSES),
  error: z.string().optional(),
  keyCount: z.number(),
  apiCalls: z.number(),
  throttledCalls: z.number(),
  durationMs: z.number(),
  trail: trailCoverageSchema.optional(),
});
export type RegionScan = z.infer<typeof regionScanSchema>;

/**
 * `incomplete` when at least one (account, region) of the scan failed (`error`: unreachable, 5xx,
 * deadline…); its findings are unknown, not resolved. `not-enabled` regions do not count.
 */
export const SNAPSHOT_STATUSES = ["complete", "incomplete"] as const;
export type SnapshotStatus = (typeof SNAPSHOT_STATUSES)[number];

const countsOf = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.number()])) as { [P in K]: z.ZodNumber });

/** `status` is absent in snapshots stored before it existed: read it with `snapshotStatus` (snapshot-status.ts). */
const snapshotSummarySchema = z.strictObject({
  status: z.enum(SNAPSHOT_STATUSES).optional(),
  keys: z.number(),
  auditedKeys: z.number(),
  families: z.number(),
  driftedFamilies: z.number(),
  findings: z.number(),
  findingsBySeverity: countsOf<Severity>(SEVERITIES),
  waivedFindings: z.number(),
  regions: countsOf<RegionStatus>(REGION_STATUSES),
  /** Accounts per status (`Snapshot.accountScans`); absent in snapshots stored before it existed. */
  accounts: countsOf<AccountScanStatus>(ACCOUNT_SCAN_STATUSES).optional(),
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

const scanParametersSchema = z.strictObject({
  regions: z.array(z.string()),
  since: z.string().optional(),
  trail: z.boolean(),
  configFile: z.string().optional(),
});

/** The snapshot format this kms-drift writes and reads. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/**
 * One complete scan: the public contract printed by the CLI, kept by the store, wrapped by exports.
 * `storageNotes` is set by the store, only when a string could not be stored as scanned
 * (PostgreSQL refuses U+0000 and lone UTF-16 surrogates): one line per place, saying what was
 * replaced with U+FFFD.
 */
export const snapshotSchema = z.strictObject({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  tool: z.strictObject({ name: z.literal("kms-drift"), version: z.string() }),
  source: z.strictObject({
    kind: z.enum(["aws", "sandbox"]),
    endpoint: z.string().optional(),
    partition: z.string(),
  }),
  parameters: scanParametersSchema,
  /** The accounts scanned (not the skipped ones). */
  accounts: z.array(z.string()),
  /**
   * Every account the scan knew of, scanned or skipped, with its status and reason; absent in
   * snapshots stored before it existed.
   */
  accountScans: z.array(accountScanSchema).optional(),
  /** Set when the accounts were discovered in an AWS Organization (config `organization`). */
  organization: scannedOrganizationSchema.optional(),
  regions: z.array(regionScanSchema),
  keys: z.array(keyRecordSchema),
  families: z.array(familySchema),
  findings: z.array(findingSchema),
  events: z.array(trailEventSchema),
  summary: snapshotSummarySchema,
  storageNotes: z.array(z.string()).optional(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

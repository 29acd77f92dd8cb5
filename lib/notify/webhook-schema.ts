import { z } from "zod";
import { SEVERITIES } from "../domain/finding";

/**
 * The generic webhook's JSON body, version 1 (README: "Webhook payload"). Receivers should ignore
 * fields they do not know: later versions only add fields, and a breaking change gets a new
 * `schema` value.
 */
export const WEBHOOK_SCHEMA_ID = "kms-drift.notification/v1";

const severity = z.enum(SEVERITIES);

export const notifiedFindingSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  familyId: z.string().min(1),
  property: z.string().min(1),
  /** For a resolved finding, the severity it had before. */
  severity,
  region: z.string().min(1),
  account: z.string().regex(/^\d{12}$/),
  keyId: z.string().min(1),
  title: z.string(),
  /** The family's page on the dashboard. */
  url: z.url(),
});

export const worsenedFindingSchema = notifiedFindingSchema.extend({ previousSeverity: severity });

/** What a delivery says, whatever the channel. */
export const notificationContentSchema = z.strictObject({
  snapshot: z.strictObject({
    id: z.string().min(1),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime(),
    /** The snapshot's page on the dashboard. */
    url: z.url(),
    /** The printable HTML report of the snapshot. */
    reportUrl: z.url(),
  }),
  dashboardUrl: z.url(),
  minSeverity: severity,
  counts: z.strictObject({
    new: z.number().int().min(0),
    resolved: z.number().int().min(0),
    worsened: z.number().int().min(0),
  }),
  new: z.array(notifiedFindingSchema),
  resolved: z.array(notifiedFindingSchema),
  worsened: z.array(worsenedFindingSchema),
});

export const webhookPayloadSchema = notificationContentSchema.extend({
  schema: z.literal(WEBHOOK_SCHEMA_ID),
  /** The idempotency key of this (sink, snapshot) delivery; the same on every retry. */
  deliveryId: z.string().regex(/^[0-9a-f]{32}$/),
  /** When this attempt was sent; equal to the X-Kms-Drift-Timestamp header (seconds). */
  sentAt: z.iso.datetime(),
});

export type NotifiedFinding = z.infer<typeof notifiedFindingSchema>;
export type NotificationContent = z.infer<typeof notificationContentSchema>;
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

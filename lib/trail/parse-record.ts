import type { Event as LookupEvent } from "@aws-sdk/client-cloudtrail";
import { z } from "zod";
import type { TrailEvent } from "../domain/trail-event";
import { sharedString, shareStringsIn } from "../aws/shared-strings";
import { describeActor, userIdentitySchema } from "./record-actor";
import { extractKeyIds, type AliasMap } from "./record-keys";

export interface RecordContext {
  /** The region the lookup ran in (fallback when the record lacks `awsRegion`). */
  region: string;
  /** The account looked up (fallback when the record lacks `recipientAccountId`). */
  account: string;
  aliases?: AliasMap;
}

/**
 * The `CloudTrailEvent` JSON. Only the fields kms-drift reads are typed; `requestParameters` and
 * `responseElements` stay unknown because their content varies per event and carries Java-style
 * date strings (`"Aug 10, 2022, 10:38:27 PM"`) that must pass through untouched.
 */
const recordSchema = z.looseObject({
  eventID: z.string().min(1).optional().catch(undefined),
  eventTime: z.string().optional().catch(undefined),
  eventName: z.string().min(1).optional().catch(undefined),
  eventSource: z.string().optional().catch(undefined),
  awsRegion: z.string().optional().catch(undefined),
  recipientAccountId: z.string().optional().catch(undefined),
  userIdentity: userIdentitySchema.optional().catch(undefined),
  sourceIPAddress: z.string().optional().catch(undefined),
  userAgent: z.string().optional().catch(undefined),
  requestParameters: z.unknown().optional(),
  responseElements: z.unknown().optional(),
  resources: z.unknown().optional(),
  errorCode: z.string().optional().catch(undefined),
});

export type ParseResult =
  | { kind: "event"; event: TrailEvent; eventSource: string | undefined }
  | { kind: "malformed"; reason: string };

function toIsoTime(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One LookupEvents record → TrailEvent; the envelope's fields fill gaps in the record. */
export function parseLookupEvent(envelope: LookupEvent, context: RecordContext): ParseResult {
  if (typeof envelope.CloudTrailEvent !== "string")
    return { kind: "malformed", reason: "no CloudTrailEvent" };
  const parsed = recordSchema.safeParse(parseJson(envelope.CloudTrailEvent));
  if (!parsed.success) return { kind: "malformed", reason: "CloudTrailEvent is not a JSON record" };
  const record = parsed.data;
  const eventId = record.eventID ?? envelope.EventId;
  const eventName = record.eventName ?? envelope.EventName;
  const eventTime = toIsoTime(record.eventTime) ?? toIsoTime(envelope.EventTime);
  if (!eventId || !eventName || !eventTime) {
    return { kind: "malformed", reason: "record lacks eventID, eventName or eventTime" };
  }
  // A scan keeps hundreds of thousands of events: their repeated strings are kept once.
  const event: TrailEvent = {
    eventId,
    eventTime,
    eventName: sharedString(eventName),
    region: sharedString(record.awsRegion ?? context.region),
    account: sharedString(
      record.recipientAccountId ?? record.userIdentity?.accountId ?? context.account,
    ),
    actor: sharedString(describeActor(record.userIdentity, envelope.Username)),
    keyIds: extractKeyIds(record, context.aliases).map(sharedString),
    requestParameters: shareStringsIn(record.requestParameters ?? null),
  };
  if (record.sourceIPAddress) event.sourceIp = sharedString(record.sourceIPAddress);
  if (record.userAgent) event.userAgent = sharedString(record.userAgent);
  if (record.errorCode) event.errorCode = sharedString(record.errorCode);
  return { kind: "event", event, eventSource: record.eventSource ?? envelope.EventSource };
}

/** Parses a bare `CloudTrailEvent` JSON string (as stored in a trail or in tests). */
export function parseCloudTrailRecord(json: string, context: RecordContext): ParseResult {
  return parseLookupEvent({ CloudTrailEvent: json }, context);
}

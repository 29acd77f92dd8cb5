import { createHash } from "node:crypto";
import { z } from "zod";
import { SandboxError } from "../types";
import { readEventJson, upperBound, type StoredEvent } from "./event-list";
import {
  findIndexed,
  type LookupAttributeKey,
  type TrailPartition,
  type TrailStore,
} from "./trail-store";

const ATTRIBUTE_KEYS = [
  "EventId",
  "EventName",
  "ReadOnly",
  "Username",
  "ResourceType",
  "ResourceName",
  "EventSource",
  "AccessKeyId",
] as const;
// Event history keeps 90 days (docs/aws-facts.md#lookup-events).
const RETENTION_MS = 90 * 86_400_000;

const timeSchema = z.union([z.number(), z.string()]);
const lookupEventsInput = z.object({
  LookupAttributes: z
    .array(z.object({ AttributeKey: z.string(), AttributeValue: z.string() }))
    .optional(),
  StartTime: timeSchema.optional(),
  EndTime: timeSchema.optional(),
  EventCategory: z.string().optional(),
  MaxResults: z.number().optional(),
  NextToken: z.string().optional(),
});

/** CloudTrail's modeled errors carry `Message` (capital M); the HTTP layer renders them so. */
function cloudTrailError(type: string, message: string): SandboxError {
  return new SandboxError(type, message, 400);
}

function toMs(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === "number" ? value * 1000 : Date.parse(value);
  if (Number.isNaN(ms))
    throw cloudTrailError("InvalidTimeRangeException", "The time value is not valid.");
  return ms;
}

/**
 * LookupEvents over one (account, Region) history: newest first, one lookup attribute at most,
 * inclusive time bounds, the last 90 days only, MaxResults 1–50, and a NextToken bound to the query.
 */
export function lookupEvents(
  store: TrailStore,
  account: string,
  region: string,
  now: number,
  input: unknown,
): unknown {
  const parsed = lookupEventsInput.safeParse(input ?? {});
  if (!parsed.success)
    throw new SandboxError(
      "SerializationException",
      "Unexpected value type in the LookupEvents request.",
      400,
    );
  const req = parsed.data;
  const attributes = req.LookupAttributes ?? [];
  if (attributes.length > 1) {
    throw cloudTrailError(
      "InvalidLookupAttributesException",
      "You cannot perform a lookup on more than one attribute at a time.",
    );
  }
  const attribute = attributes[0];
  if (attribute && !isAttributeKey(attribute.AttributeKey)) {
    throw cloudTrailError(
      "InvalidLookupAttributesException",
      `The attribute key ${attribute.AttributeKey} is not valid.`,
    );
  }
  if (
    attribute &&
    (attribute.AttributeValue.length < 1 || attribute.AttributeValue.length > 2000)
  ) {
    throw cloudTrailError(
      "InvalidLookupAttributesException",
      "The attribute value must be 1 to 2000 characters long.",
    );
  }
  if (req.EventCategory !== undefined && req.EventCategory !== "insight") {
    throw cloudTrailError(
      "InvalidEventCategoryException",
      `The event category ${req.EventCategory} is not valid.`,
    );
  }
  const maxResults = req.MaxResults ?? 50;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw cloudTrailError(
      "InvalidMaxResultsException",
      "MaxResults must be an integer from 1 to 50.",
    );
  }
  const startRequested = toMs(req.StartTime);
  const endRequested = toMs(req.EndTime);
  if (startRequested !== undefined && endRequested !== undefined && startRequested > endRequested) {
    throw cloudTrailError(
      "InvalidTimeRangeException",
      "Start time must be less than or equal to end time.",
    );
  }
  const start = Math.max(startRequested ?? -Infinity, now - RETENTION_MS);
  const end = endRequested ?? Infinity;
  const queryHash = hashQuery(attribute, startRequested, endRequested, req.EventCategory);
  const cursor = req.NextToken === undefined ? undefined : decodeToken(req.NextToken, queryHash);

  // Insights are not modeled: an `insight` lookup has nothing to return.
  const partition = req.EventCategory === "insight" ? undefined : store.partition(account, region);
  const items = selectEvents(partition, attribute);
  // Newest first: walk down from the newest event ≤ EndTime, or from just before the token's event.
  let index =
    (cursor ? upperBound(items, cursor.t, cursor.s - 1) : upperBound(items, end, Infinity)) - 1;
  const events: StoredEvent[] = [];
  while (index >= 0 && events.length < maxResults) {
    const event = items[index];
    if (!event || event.time < start) break;
    events.push(event);
    index--;
  }
  const following = items[index];
  const more = events.length === maxResults && following !== undefined && following.time >= start;
  const last = events[events.length - 1];
  return {
    Events: events.map(formatEvent),
    ...(more && last ? { NextToken: encodeToken(queryHash, last) } : {}),
  };
}

function isAttributeKey(key: string): key is LookupAttributeKey {
  return (ATTRIBUTE_KEYS as readonly string[]).includes(key);
}

function selectEvents(
  partition: TrailPartition | undefined,
  attribute: { AttributeKey: string; AttributeValue: string } | undefined,
): readonly StoredEvent[] {
  if (!partition) return [];
  if (!attribute) return partition.all.view();
  return isAttributeKey(attribute.AttributeKey)
    ? findIndexed(partition, attribute.AttributeKey, attribute.AttributeValue)
    : [];
}

function formatEvent(event: StoredEvent): Record<string, unknown> {
  return {
    EventId: event.eventId,
    EventName: event.eventName,
    ReadOnly: String(event.readOnly),
    ...(event.accessKeyId !== undefined ? { AccessKeyId: event.accessKeyId } : {}),
    EventTime: event.time / 1000,
    EventSource: event.eventSource,
    ...(event.username !== undefined ? { Username: event.username } : {}),
    Resources: event.resources,
    CloudTrailEvent: readEventJson(event),
  };
}

function hashQuery(
  attribute: unknown,
  start: number | undefined,
  end: number | undefined,
  category: string | undefined,
): string {
  return createHash("sha256")
    .update(JSON.stringify([attribute ?? null, start ?? null, end ?? null, category ?? null]))
    .digest("hex")
    .slice(0, 16);
}

/** The token names the last event returned; the next page starts just before it. */
function encodeToken(queryHash: string, last: StoredEvent): string {
  return Buffer.from(JSON.stringify({ h: queryHash, t: last.time, s: last.seq })).toString(
    "base64",
  );
}

const tokenSchema = z.object({ h: z.string(), t: z.number(), s: z.number() });

function decodeToken(token: string, queryHash: string): { t: number; s: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    const read = tokenSchema.safeParse(parsed);
    if (read.success && read.data.h === queryHash) return { t: read.data.t, s: read.data.s };
  } catch {
    // fall through to the AWS error
  }
  throw cloudTrailError(
    "InvalidNextTokenException",
    "Invalid NextToken: it does not belong to this query.",
  );
}

import { createUuid } from "../core/ids";
import type { Prng } from "../core/prng";
import type { RecordedEventInput } from "../types";
import type { StoredEvent } from "./event-list";
import { formatEventTime, formatResponseElements } from "./shape";
import type { TrailStore } from "./trail-store";
import { describeCaller, describeInternal, describeUsername } from "./user-identity";

/** What the core records beyond the public `RecordedEventInput`. */
export interface TrailEventInput extends RecordedEventInput {
  /** The account whose event history gets the record (cross-account use is logged in both). */
  recipientAccount?: string;
  /** `kms.amazonaws.com` for the events KMS writes on the caller's behalf in other Regions. */
  invokedBy?: string;
  /** KMS's own action (`invokedBy: AWS Internal`, no caller), e.g. DeleteKey after the waiting period. */
  internal?: boolean;
  requestId?: string;
  /** A KMS response (PascalCase, epoch dates) to render as `responseElements` when the record is built. */
  rawResponseElements?: unknown;
}

const EVENT_SOURCE = "kms.amazonaws.com";

/** What a recorded event is known by: GetKeyLastUsage reports these for the last cryptographic use. */
export interface TrailReceipt {
  eventId: string;
  requestId: string;
  /** Epoch ms, whole seconds. */
  time: number;
}

/**
 * Files a CloudTrail event in the (account, Region) history. What lookups filter on is computed
 * now; the full record (docs/aws-facts.md#cloudtrail-records) is built when a lookup first returns
 * it (world builders write far more history than anyone reads).
 */
export function recordTrailEvent(
  store: TrailStore,
  prng: Prng,
  now: () => number,
  input: TrailEventInput,
): TrailReceipt {
  const { ctx } = input;
  const time = Math.floor((ctx.time?.getTime() ?? now()) / 1000) * 1000;
  const recipient = input.recipientAccount ?? ctx.account;
  const eventId = createUuid(prng);
  const requestId = input.requestId ?? createUuid(prng);
  const event: StoredEvent = {
    seq: store.count(),
    time,
    eventId,
    eventName: input.eventName,
    readOnly: input.readOnly,
    accessKeyId: input.internal ? undefined : ctx.accessKeyId,
    username: input.internal ? undefined : describeUsername(ctx),
    eventSource: EVENT_SOURCE,
    resources: input.resourceArns.map((arn) => ({
      ResourceType: "AWS::KMS::Key",
      ResourceName: arn,
    })),
    build: () => buildRecord(input, { time, recipient, eventId, requestId }),
  };
  store.add(recipient, ctx.region, event);
  return { eventId, requestId, time };
}

interface RecordIds {
  time: number;
  recipient: string;
  eventId: string;
  requestId: string;
}

function buildRecord(input: TrailEventInput, ids: RecordIds): Record<string, unknown> {
  const { ctx } = input;
  const identity = input.internal
    ? describeInternal(ids.recipient)
    : describeCaller(ctx, ids.time, input.invokedBy);
  const resources = input.resourceArns.map((arn) => ({
    accountId: arn.split(":")[4] ?? ids.recipient,
    type: "AWS::KMS::Key",
    ARN: arn,
  }));
  const record: Record<string, unknown> = {
    eventVersion: "1.11",
    userIdentity: identity.userIdentity,
    eventTime: formatEventTime(ids.time),
    eventSource: EVENT_SOURCE,
    eventName: input.eventName,
    awsRegion: ctx.region,
    sourceIPAddress: input.internal
      ? "AWS Internal"
      : (input.invokedBy ?? ctx.sourceIp ?? "192.0.2.0"),
    userAgent: input.internal
      ? "AWS Internal"
      : (input.invokedBy ?? ctx.userAgent ?? "AWS Internal"),
  };
  if (input.errorCode !== undefined) {
    record.errorCode = input.errorCode;
    record.errorMessage = input.errorMessage ?? "";
  }
  const responseElements =
    input.rawResponseElements !== undefined
      ? formatResponseElements(input.rawResponseElements)
      : input.responseElements;
  Object.assign(record, {
    requestParameters: input.requestParameters ?? null,
    responseElements: responseElements ?? null,
    requestID: ids.requestId,
    eventID: ids.eventId,
    readOnly: input.readOnly,
    ...(resources.length > 0 ? { resources } : {}),
    eventType: input.internal ? "AwsServiceEvent" : "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ids.recipient,
    eventCategory: "Management",
  });
  return record;
}

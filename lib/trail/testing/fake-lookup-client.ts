import type {
  Event as LookupEvent,
  LookupEventsCommand,
  LookupEventsCommandOutput,
} from "@aws-sdk/client-cloudtrail";
import type { LookupClient } from "../lookup-page";

export interface FakeRecord {
  eventId: string;
  eventName: string;
  eventTime: string;
  eventSource?: string;
  keyId?: string;
  actor?: string;
  region?: string;
  requestParameters?: Record<string, unknown>;
  /** Replace the CloudTrailEvent JSON (to test malformed records). */
  rawRecord?: string;
}

/** Test double for LookupEvents with the service's semantics: one attribute, newest first, paged. */
export function createFakeLookupClient(
  records: FakeRecord[],
  behaviour: { failWith?: { name: string; message: string }; throttleFirst?: number } = {},
) {
  const calls: { eventName: string; nextToken?: string }[] = [];
  let throttlesLeft = behaviour.throttleFirst ?? 0;

  function envelope(record: FakeRecord): LookupEvent {
    const region = record.region ?? "us-east-1";
    const json = JSON.stringify({
      eventID: record.eventId,
      eventTime: record.eventTime,
      eventName: record.eventName,
      eventSource: record.eventSource ?? "kms.amazonaws.com",
      awsRegion: region,
      recipientAccountId: "111122223333",
      userIdentity: {
        type: "IAMUser",
        arn: record.actor ?? "arn:aws:iam::111122223333:user/alice",
      },
      requestParameters:
        record.requestParameters ?? (record.keyId ? { keyId: record.keyId } : null),
      resources: [],
    });
    return {
      EventId: record.eventId,
      EventName: record.eventName,
      EventTime: new Date(record.eventTime),
      EventSource: record.eventSource ?? "kms.amazonaws.com",
      CloudTrailEvent: record.rawRecord ?? json,
    };
  }

  const client: LookupClient = {
    async send(command: LookupEventsCommand): Promise<LookupEventsCommandOutput> {
      const input = command.input;
      const attribute = input.LookupAttributes?.[0];
      calls.push({ eventName: attribute?.AttributeValue ?? "", nextToken: input.NextToken });
      if (behaviour.failWith)
        throw Object.assign(new Error(behaviour.failWith.message), {
          name: behaviour.failWith.name,
        });
      if (throttlesLeft > 0) {
        throttlesLeft -= 1;
        throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
      }
      const from = input.StartTime?.getTime() ?? 0;
      const to = input.EndTime?.getTime() ?? Number.POSITIVE_INFINITY;
      const matching = records
        .filter(
          (r) =>
            attribute?.AttributeKey !== "EventName" || r.eventName === attribute.AttributeValue,
        )
        .filter((r) => Date.parse(r.eventTime) >= from && Date.parse(r.eventTime) <= to)
        .sort((a, b) => Date.parse(b.eventTime) - Date.parse(a.eventTime));
      const offset = Number(input.NextToken ?? "0");
      const size = input.MaxResults ?? 50;
      const page = matching.slice(offset, offset + size);
      const next = offset + size < matching.length ? String(offset + size) : undefined;
      return { Events: page.map(envelope), NextToken: next, $metadata: {} };
    },
  };
  return { client, calls };
}

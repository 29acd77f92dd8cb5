import {
  LookupEventsCommand,
  type CloudTrailClient,
  type LookupEventsCommandInput,
} from "@aws-sdk/client-cloudtrail";

/** A LookupEvents answer with each `CloudTrailEvent` parsed (test helper). */
export type ParsedRecord = Record<string, unknown> & {
  userIdentity: Record<string, unknown>;
  requestParameters: Record<string, unknown> | null;
};

export async function lookupRecords(client: CloudTrailClient, input: LookupEventsCommandInput) {
  const out = await client.send(new LookupEventsCommand(input));
  return (out.Events ?? []).map((e) => ({
    ...e,
    record: JSON.parse(e.CloudTrailEvent ?? "{}") as ParsedRecord,
  }));
}

export function lookupByName(client: CloudTrailClient, name: string) {
  return lookupRecords(client, {
    LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: name }],
  });
}

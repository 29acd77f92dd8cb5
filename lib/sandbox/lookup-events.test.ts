import {
  CloudTrailServiceException,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
  LookupEventsCommand,
  paginateLookupEvents,
} from "@aws-sdk/client-cloudtrail";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { catchError, createCloudTrail, startTestSandbox } from "./testing/clients";
import { lookupRecords as lookup } from "./testing/trail";
import type { CallContext } from "./types";

let sb: SandboxServer;
const trail = (region: string) => createCloudTrail(sb.url, region);

beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());

describe("LookupEvents", () => {
  const region = "eu-west-3";
  const ctx: CallContext = {
    account: "111122223333",
    region,
    accessKeyId: "AKIAWORLD",
    principalArn: "arn:aws:iam::111122223333:user/world",
  };
  let keyId = "";

  beforeAll(() => {
    const now = Date.now();
    const out = sb.sandbox.call(
      "kms",
      "CreateKey",
      {},
      { ...ctx, time: new Date(now - 3_600_000) },
    ) as { KeyMetadata: { KeyId: string; Arn: string } };
    keyId = out.KeyMetadata.KeyId;
    for (let i = 0; i < 120; i++) {
      sb.sandbox.recordEvent({
        ctx: { ...ctx, time: new Date(now - 120_000 + i * 1000) },
        eventName: i % 2 === 0 ? "Decrypt" : "Encrypt",
        readOnly: true,
        requestParameters: { keyId },
        resourceArns: [out.KeyMetadata.Arn],
      });
    }
    sb.sandbox.recordEvent({
      ctx: { ...ctx, time: new Date(now - 100 * 86_400_000) },
      eventName: "Decrypt",
      readOnly: true,
      requestParameters: {},
      resourceArns: [],
    });
  });

  it("filters by each attribute key, newest first", async () => {
    const client = trail(region);
    const one = async (AttributeKey: string, AttributeValue: string, MaxResults = 50) =>
      lookup(client, {
        LookupAttributes: [{ AttributeKey: AttributeKey as "EventName", AttributeValue }],
        MaxResults,
      });
    const decrypts = await one("EventName", "Decrypt");
    expect(decrypts).toHaveLength(50);
    expect(decrypts.every((e) => e.EventName === "Decrypt")).toBe(true);
    const times = decrypts.map((e) => e.EventTime?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await one("ReadOnly", "false")).map((e) => e.EventName)).toEqual(["CreateKey"]);
    expect(await one("EventId", decrypts[3]?.EventId ?? "")).toHaveLength(1);
    expect(await one("Username", "world", 5)).toHaveLength(5);
    expect(await one("AccessKeyId", "AKIAWORLD", 5)).toHaveLength(5);
    expect(await one("EventSource", "kms.amazonaws.com", 5)).toHaveLength(5);
    expect(await one("ResourceType", "AWS::KMS::Key", 5)).toHaveLength(5);
    expect(
      await one("ResourceName", `arn:aws:kms:${region}:111122223333:key/${keyId}`, 5),
    ).toHaveLength(5);
    expect(await one("ResourceName", keyId, 5)).toHaveLength(5);
    expect(await one("Username", "nobody")).toEqual([]);
  });

  it("pages with NextToken to the end and keeps the 90-day window", async () => {
    const client = trail(region);
    const ids: string[] = [];
    for await (const page of paginateLookupEvents(
      { client, pageSize: 7 },
      { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "Encrypt" }] },
    )) {
      ids.push(...(page.Events ?? []).map((e) => e.EventId ?? ""));
    }
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    const all: string[] = [];
    for await (const page of paginateLookupEvents({ client, pageSize: 50 }, {}))
      all.push(...(page.Events ?? []).map((e) => e.EventId ?? ""));
    expect(all).toHaveLength(121);
  });

  it("applies inclusive StartTime/EndTime", async () => {
    const client = trail(region);
    const [newest] = await lookup(client, { MaxResults: 1 });
    const at = newest?.EventTime ?? new Date();
    const exact = await lookup(client, { StartTime: at, EndTime: at });
    expect(exact.map((e) => e.EventId)).toEqual([newest?.EventId]);
  });

  it("answers CloudTrail's errors with their classes", async () => {
    const client = trail(region);
    const two = await catchError(
      client.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: "EventName", AttributeValue: "A" },
            { AttributeKey: "ReadOnly", AttributeValue: "true" },
          ],
        }),
      ),
    );
    expect(two).toBeInstanceOf(InvalidLookupAttributesException);
    expect(two.message).toBeTruthy();
    expect(
      await catchError(client.send(new LookupEventsCommand({ MaxResults: 51 }))),
    ).toBeInstanceOf(InvalidMaxResultsException);
    expect(
      await catchError(client.send(new LookupEventsCommand({ MaxResults: 0 }))),
    ).toBeInstanceOf(InvalidMaxResultsException);
    const range = await catchError(
      client.send(new LookupEventsCommand({ StartTime: new Date(2000), EndTime: new Date(1000) })),
    );
    expect(range).toBeInstanceOf(InvalidTimeRangeException);
    const first = await client.send(new LookupEventsCommand({ MaxResults: 2 }));
    expect(first.NextToken).toBeTruthy();
    const mismatch = await catchError(
      client.send(
        new LookupEventsCommand({
          MaxResults: 2,
          NextToken: first.NextToken,
          LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "Decrypt" }],
        }),
      ),
    );
    expect(mismatch).toBeInstanceOf(InvalidNextTokenException);
    expect(
      await catchError(client.send(new LookupEventsCommand({ NextToken: "garbage" }))),
    ).toBeInstanceOf(CloudTrailServiceException);
  });
});

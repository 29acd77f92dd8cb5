import { describe, expect, it } from "vitest";
import { collectTrailEvents } from "./collect";
import { createFakeLookupClient, type FakeRecord } from "./testing/fake-lookup-client";
import { WRITE_EVENT_NAMES } from "./write-events";

const window = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-24T00:00:00Z") };
const noPause = async () => {};
const base = {
  account: "111122223333",
  region: "us-east-1",
  window,
  pacer: noPause,
  sleep: noPause,
};
const STREAMS = WRITE_EVENT_NAMES.length;

function series(
  eventName: string,
  count: number,
  startMs: number,
  stepMs = 60_000,
  extra: Partial<FakeRecord> = {},
) {
  return Array.from({ length: count }, (_, i) => ({
    eventId: `${eventName}-${extra.eventSource ?? "kms"}-${i}`,
    eventName,
    eventTime: new Date(startMs + i * stepMs).toISOString(),
    keyId: "mrk-1",
    ...extra,
  }));
}

const day = (d: number) => Date.parse(`2026-11-${String(d).padStart(2, "0")}T00:00:00Z`);

describe("collectTrailEvents: lookup planning", () => {
  it("sends one lookup per write event name when there are no events", async () => {
    const { client, calls } = createFakeLookupClient([]);
    const result = await collectTrailEvents({ ...base, client });
    expect(result.lookups).toBe(STREAMS);
    expect(new Set(calls.map((c) => c.eventName))).toEqual(new Set(WRITE_EVENT_NAMES));
    expect(result.coverage).toEqual({
      status: "ok",
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      lookups: STREAMS,
      events: 0,
    });
  });

  it("makes the same number of lookups with 20,000 read events as with none", async () => {
    const writes = [...series("PutKeyPolicy", 70, day(5)), ...series("DisableKey", 3, day(6))];
    const reads = [
      ...series("Decrypt", 15_000, day(2), 1000),
      ...series("DescribeKey", 5_000, day(3), 1000),
    ];
    const quiet = createFakeLookupClient(writes);
    const noisy = createFakeLookupClient([...writes, ...reads]);
    const a = await collectTrailEvents({ ...base, client: quiet.client });
    const b = await collectTrailEvents({ ...base, client: noisy.client });
    expect(a.lookups).toBe(STREAMS + 1); // PutKeyPolicy needs a second page
    expect(b.lookups).toBe(a.lookups);
    expect(b.events.map((e) => e.eventId)).toEqual(a.events.map((e) => e.eventId));
  });

  it("pages every stream to the end (MaxResults 50) and returns events newest first", async () => {
    const { client, calls } = createFakeLookupClient(series("CreateGrant", 123, day(3)));
    const result = await collectTrailEvents({ ...base, client });
    expect(calls.filter((c) => c.eventName === "CreateGrant").map((c) => c.nextToken)).toEqual([
      undefined,
      "50",
      "100",
    ]);
    expect(result.events).toHaveLength(123);
    const times = result.events.map((e) => Date.parse(e.eventTime));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });

  it("keeps only kms.amazonaws.com events of names shared with other services", async () => {
    const records = [
      ...series("TagResource", 2, day(4)),
      ...series("TagResource", 5, day(4), 1000, { eventSource: "ec2.amazonaws.com" }),
      ...series("CreateAlias", 3, day(4), 1000, { eventSource: "lambda.amazonaws.com" }),
    ];
    const result = await collectTrailEvents({
      ...base,
      client: createFakeLookupClient(records).client,
    });
    expect(result.events.map((e) => e.eventId).sort()).toEqual([
      "TagResource-kms-0",
      "TagResource-kms-1",
    ]);
  });

  it("skips and counts malformed records", async () => {
    const records = [
      ...series("EnableKey", 2, day(4)),
      {
        eventId: "bad",
        eventName: "EnableKey",
        eventTime: new Date(day(5)).toISOString(),
        rawRecord: "{oops",
      },
    ];
    const result = await collectTrailEvents({
      ...base,
      client: createFakeLookupClient(records).client,
    });
    expect(result.malformed).toBe(1);
    expect(result.events).toHaveLength(2);
  });

  it("waits on the pacer before every request", async () => {
    let paced = 0;
    const pacer = async () => {
      paced += 1;
    };
    const result = await collectTrailEvents({
      ...base,
      pacer,
      client: createFakeLookupClient(series("PutKeyPolicy", 51, day(2))).client,
    });
    expect(paced).toBe(result.lookups);
    expect(paced).toBe(STREAMS + 1);
  });
});

describe("collectTrailEvents: budget", () => {
  it("reports the window actually covered when the budget cuts it short", async () => {
    // PutKeyPolicy: 120 events on day 10+ (minute steps); CreateGrant: 60 events on day 20+.
    const records = [
      ...series("PutKeyPolicy", 120, day(10)),
      ...series("CreateGrant", 60, day(20)),
    ];
    const { client, calls } = createFakeLookupClient(records);
    const result = await collectTrailEvents({ ...base, client, maxRequests: STREAMS + 1 });
    // After every first page, the extra request goes to the stream whose frontier is newest: CreateGrant.
    expect(calls.at(-1)).toEqual({ eventName: "CreateGrant", nextToken: "50" });
    expect(result.lookups).toBe(STREAMS + 1);
    // PutKeyPolicy is known complete back to its 50th newest event (index 70).
    const frontier = new Date(day(10) + 70 * 60_000).toISOString();
    expect(result.coverage).toMatchObject({
      status: "truncated",
      from: frontier,
      to: window.to.toISOString(),
      lookups: STREAMS + 1,
    });
    expect(result.coverage.status === "truncated" && result.coverage.reason).toMatch(
      /budget of 20/,
    );
    expect(result.events).toHaveLength(50 + 60);
  });

  it("covers nothing when the budget cannot even start every stream", async () => {
    const result = await collectTrailEvents({
      ...base,
      client: createFakeLookupClient([]).client,
      maxRequests: 5,
    });
    expect(result.lookups).toBe(5);
    expect(result.coverage).toMatchObject({
      status: "truncated",
      from: window.to.toISOString(),
      to: window.to.toISOString(),
    });
  });

  it("stops before the first request when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await collectTrailEvents({
      ...base,
      client: createFakeLookupClient([]).client,
      signal: controller.signal,
    });
    expect(result.lookups).toBe(0);
    expect(result.coverage).toMatchObject({ status: "truncated", reason: "lookups aborted" });
  });
});

describe("collectTrailEvents: errors", () => {
  it("retries ThrottlingException with growing back-off and loses nothing", async () => {
    const sleeps: number[] = [];
    const { client } = createFakeLookupClient(series("DisableKey", 4, day(3)), {
      throttleFirst: 2,
    });
    const result = await collectTrailEvents({
      ...base,
      client,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(sleeps).toEqual([1000, 2000]);
    expect(result.lookups).toBe(STREAMS + 2);
    expect(result.coverage.status).toBe("ok");
    expect(result.events).toHaveLength(4);
  });

  it("gives a region up after repeated throttling, without throwing", async () => {
    const { client } = createFakeLookupClient([], { throttleFirst: 100 });
    const result = await collectTrailEvents({ ...base, client });
    expect(result.coverage).toMatchObject({ status: "error" });
    expect(result.coverage.status === "error" && result.coverage.reason).toMatch(/throttled/);
    expect(result.events).toEqual([]);
  });

  it("turns any other failure into an error coverage with no events", async () => {
    const { client, calls } = createFakeLookupClient(series("EnableKey", 3, day(3)), {
      failWith: {
        name: "UnrecognizedClientException",
        message: "The security token included in the request is invalid.",
      },
    });
    const result = await collectTrailEvents({ ...base, client });
    expect(calls).toHaveLength(1);
    expect(result).toMatchObject({
      events: [],
      lookups: 1,
      coverage: {
        status: "error",
        reason:
          "UnrecognizedClientException: The security token included in the request is invalid.",
      },
    });
  });
});

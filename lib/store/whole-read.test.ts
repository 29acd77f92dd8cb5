import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_ACCOUNT, makeSnapshot } from "./test-fixtures";
import { testBackends } from "./test-store";
import type { SnapshotStore } from "./store-types";

describe.each(testBackends())("reading a whole snapshot back in slices ($name)", (backend) => {
  let store: SnapshotStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await backend.open());
  });
  afterAll(() => dispose());

  it("puts back every key of a snapshot larger than one slice (20,000 rows), in order", async () => {
    const snapshot = makeSnapshot({ id: "large", extraKeys: 20_001 });
    expect(snapshot.keys.length).toBeGreaterThan(20_000);
    await store.saveSnapshot(snapshot);
    expect(await store.getSnapshot("large")).toEqual(snapshot);
  }, 120_000);

  it("reads a part with the events a scan carries forward, and none of the keys", async () => {
    const snapshot = {
      ...makeSnapshot({ id: "with-events", startedAt: "2026-11-25T08:00:00.000Z" }),
      events: [
        {
          eventId: "ev-1",
          eventTime: "2026-11-25T07:00:00Z",
          eventName: "PutKeyPolicy",
          region: "eu-west-1",
          account: FIXTURE_ACCOUNT,
          actor: "arn:aws:iam::111122223333:user/alice",
          keyIds: ["mrk-1234abcd"],
          requestParameters: { keyId: "mrk-1234abcd", policyName: "default" },
        },
      ],
    };
    await store.saveSnapshot(snapshot);
    const part = await store.snapshotPart("with-events", { events: true });
    expect(part?.events.map((e) => e.eventId)).toEqual(["ev-1"]);
    expect(part?.keys).toEqual([]);
  });
});

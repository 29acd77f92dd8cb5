import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSnapshot } from "./test-fixtures";
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
});

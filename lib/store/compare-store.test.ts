import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SnapshotComparison } from "../history/compare";
import { makeSnapshot } from "./test-fixtures";
import { testBackends } from "./test-store";
import type { SnapshotStore } from "./store-types";

describe.each(testBackends())("comparing stored snapshots on $name", (backend) => {
  let store: SnapshotStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await backend.open());
  });
  afterAll(async () => {
    await dispose();
  });

  it("findings in a region the newer snapshot failed to read are unverified, on save and on compare", async () => {
    const full = makeSnapshot({ id: "full", startedAt: "2026-11-20T08:00:00.000Z" });
    const cut = makeSnapshot({ id: "cut", startedAt: "2026-11-21T08:00:00.000Z", findings: [] });
    for (const region of cut.regions) if (region.region === "eu-west-1") region.status = "error";
    await store.saveSnapshot(full);
    const { changes } = await store.saveSnapshot(cut);

    const inEuWest = full.findings.filter((f) => f.region === "eu-west-1").map((f) => f.id);
    expect(inEuWest.length).toBeGreaterThan(0);
    const split = (c: SnapshotComparison) => ({
      unverified: c.unverified.map((f) => f.id).sort(),
      resolved: c.resolved.map((f) => f.id).sort(),
    });
    const expected = {
      unverified: [...inEuWest].sort(),
      resolved: full.findings
        .filter((f) => f.region !== "eu-west-1")
        .map((f) => f.id)
        .sort(),
    };
    expect(split(changes)).toEqual(expected);
    expect(split(await store.compareSnapshots("full", "cut"))).toEqual(expected);
    expect((await store.getChanges("cut"))?.counts.unverified).toBe(inEuWest.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { run as runExport } from "../cli/commands/export";
import { createMemoryIo } from "../cli/memory-io";
import { readStoredComparison } from "./read-stored";
import { openStore } from "./store";
import type { SnapshotStore } from "./store-types";
import { makeFinding, makeSnapshot } from "./test-fixtures";
import { testBackends } from "./test-store";

/** A fixture snapshot changed in place after it was built, as another tool or format might store it. */
function storedAs(
  id: string,
  change: (doc: Snapshot) => void,
  startedAt = "2026-11-20T08:00:00.000Z",
): Snapshot {
  const doc = makeSnapshot({ id, startedAt });
  change(doc);
  return doc;
}

describe.each(testBackends())("reading stored snapshots back ($name)", (backend) => {
  let store: SnapshotStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await backend.open());
    await store.saveSnapshot(makeSnapshot({ id: "good", startedAt: "2026-11-19T08:00:00.000Z" }));
    await store.saveSnapshot(
      storedAs("bad-detail", (doc) => {
        const first = doc.findings[0];
        if (first?.property !== "policy") throw new Error("fixture starts with a policy finding");
        Object.assign(first.detail, { verdict: "roughly-equal" });
      }),
    );
  });
  afterAll(() => dispose());

  it("reads a snapshot it wrote unchanged", async () => {
    const expected = makeSnapshot({ id: "good", startedAt: "2026-11-19T08:00:00.000Z" });
    expect(await store.getSnapshot("good")).toEqual(expected);
  });

  it("refuses a finding detail outside its property's schema, naming the snapshot and the field", async () => {
    // A snapshot saved after it is compared with it: refused too, rather than compared with a misread.
    await expect(
      store.saveSnapshot(makeSnapshot({ id: "after", startedAt: "2026-11-21T08:00:00.000Z" })),
    ).rejects.toThrow(/^a finding of stored snapshot bad-detail is not readable/);
    await expect(store.getSnapshot("bad-detail")).rejects.toThrow(
      /^stored snapshot bad-detail is not readable: findings\[0\]\.detail\.verdict: Invalid option/,
    );
    await expect(store.findings({ snapshotId: "bad-detail" })).rejects.toThrow(
      /^a finding of stored snapshot bad-detail is not readable: detail\.verdict: /,
    );
  });

  it("refuses a newer schemaVersion instead of misreading it", async () => {
    await store.saveSnapshot(
      // Older than every other snapshot here: saving it compares it with none of them.
      storedAs(
        "from-the-future",
        (doc) => Object.assign(doc, { schemaVersion: 2 }),
        "2026-11-11T08:00:00.000Z",
      ),
    );
    await expect(store.getSnapshot("from-the-future")).rejects.toThrow(
      "stored snapshot from-the-future has schemaVersion 2; this kms-drift reads schemaVersion 1: read it with the newer kms-drift that wrote it",
    );
  });

  it("refuses a document without a schemaVersion kms-drift ever wrote", async () => {
    await store.saveSnapshot(
      storedAs(
        "version-0",
        (doc) => Object.assign(doc, { schemaVersion: 0 }),
        "2026-11-10T08:00:00.000Z",
      ),
    );
    await expect(store.getSnapshot("version-0")).rejects.toThrow(
      "stored snapshot version-0 has schemaVersion 0, which no kms-drift writes: it is not a snapshot this kms-drift can read",
    );
  });
});

describe("kms-drift export of a snapshot it cannot read", () => {
  it("exits 1 with one line naming the snapshot and the field", async () => {
    const [backend] = testBackends();
    if (!backend) throw new Error("no test backend");
    const { env, dispose } = await backend.storeEnv();
    try {
      const io = createMemoryIo(env);
      const store = await openStore({ env });
      await store.saveSnapshot(
        storedAs("odd", (doc) => {
          const first = doc.findings[0];
          if (first) Object.assign(first, { detail: { rule: "no-such-rule" } });
        }),
      );
      await store.close();
      expect(await runExport(["--snapshot", "odd", "--format", "csv"], io)).toBe(1);
      expect(io.stderrText()).toMatch(
        /^kms-drift export: stored snapshot odd is not readable: findings\[0\]\.detail\.rule: .*\n$/,
      );
    } finally {
      await dispose();
    }
  });
});

describe("readStoredComparison", () => {
  it("reads a comparison stored before `unverified` existed as one with none", () => {
    const finding = makeFinding();
    const stored = {
      fromSnapshotId: "a",
      toSnapshotId: "b",
      new: [finding],
      resolved: [],
      changed: [],
      unchanged: [],
      counts: { new: 1, resolved: 0, changed: 0, unchanged: 0 },
    };
    const read = readStoredComparison(stored, "b");
    expect(read.unverified).toEqual([]);
    expect(read.counts.unverified).toBe(0);
    expect(read.new).toEqual([finding]);
  });
});

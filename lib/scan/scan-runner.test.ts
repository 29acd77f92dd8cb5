import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScanRunner, type RunEvent } from "./scan-runner";
import type { SnapshotStore } from "../store/store-types";
import { makeSnapshot } from "../store/test-fixtures";
import { openPgliteTestStore } from "../store/test-store";

describe("the scan runner's after-save hook", () => {
  let store: SnapshotStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openPgliteTestStore());
  });
  afterAll(async () => {
    await dispose();
  });

  it("runs after the snapshot is committed, and its failure neither delays nor fails the run", async () => {
    const events: RunEvent[] = [];
    let seen: { stored: boolean; id: string; newCount: number } | undefined;
    let release: () => void = () => undefined;
    const hookDone = new Promise<void>((resolve) => (release = resolve));
    const runner = createScanRunner({
      runScan: async () => makeSnapshot({ id: "hooked", startedAt: "2026-11-24T08:00:00.000Z" }),
      store,
      onEvent: (e) => events.push(e),
      afterSave: async (snapshot, saved) => {
        seen = {
          stored: (await store.getSnapshot(snapshot.id)) !== null,
          id: saved.id,
          newCount: saved.changes.counts.new,
        };
        // A sink that never answers must not hold the run: the outcome below is reached first.
        await hookDone;
        throw new Error("receiver down");
      },
    });
    const outcome = await runner.run("manual");
    expect(outcome).toMatchObject({ status: "ok", snapshotId: "hooked" });
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual({ stored: true, id: "hooked", newCount: 5 });
    expect(events.filter((e) => e.type === "error")).toEqual([
      { type: "error", message: "after saving hooked: receiver down" },
    ]);
    expect((await store.listRuns(1))[0]?.status).toBe("ok");
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./store";
import { killHard, spawnTs, waitForMarker } from "./test-processes";

describe("store crash safety", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it("keeps the previous history and shows no partial snapshot after SIGKILL mid-transaction", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-crash-"));
    dirs.push(dataDir);
    const child = spawnTs("lib/store/testing/crash-writer.ts", [dataDir]);
    await waitForMarker(child, "writing");
    expect(await killHard(child)).toBe("SIGKILL");

    const store = await openStore({ dataDir });
    try {
      const list = await store.listSnapshots();
      expect(list.map((s) => s.id)).toEqual(["intact"]);
      const intact = await store.getSnapshot("intact");
      expect(intact?.findings.length).toBeGreaterThan(0);
      expect(await store.findings({ snapshotId: "intact" })).toEqual(intact?.findings);
      expect(await store.getSnapshot("partial")).toBeNull();
      expect(await store.findings({ snapshotId: "partial" })).toEqual([]);
      expect(await store.listRuns()).toEqual([]);
      // The store still accepts writes after recovery.
      const { changes } = await store.saveSnapshot({
        ...(intact ?? fail()),
        id: "after",
        startedAt: "2026-11-22T08:00:00.000Z",
      });
      expect(changes.fromSnapshotId).toBe("intact");
    } finally {
      await store.close();
    }
  }, 120_000);
});

function fail(): never {
  throw new Error("intact snapshot missing");
}

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SandboxServer } from "../sandbox/server";
import { startTestSandbox } from "../sandbox/testing/clients";
import { getScanStatus, startScanService } from "./scan-service";
import { getStore } from "./store";
import { stubDashboardEnv } from "./testing/dashboard-env";

describe("KMS_DRIFT_SCAN_ON_START=1", () => {
  let server: SandboxServer;
  let dataDir: string;
  beforeAll(async () => {
    server = await startTestSandbox();
    dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-scan-on-start-"));
    stubDashboardEnv(server.url, dataDir, "1");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await (await getStore()).close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("takes a first snapshot when the store has none, and none more once it has one", async () => {
    const store = await getStore();
    expect(await store.listSnapshots()).toEqual([]);

    await startScanService();
    expect((await getScanStatus()).running).toBe(true);
    await vi.waitFor(async () => expect((await getScanStatus()).running).toBe(false), {
      timeout: 60_000,
      interval: 100,
    });
    const status = await getScanStatus();
    expect(status.lastOutcome).toMatchObject({ status: "ok", trigger: "manual" });
    const snapshots = await store.listSnapshots();
    expect(snapshots).toHaveLength(1);

    // A restart on a store that already holds a snapshot scans only on schedule or on request.
    await startScanService();
    expect((await getScanStatus()).running).toBe(false);
    expect((await store.listSnapshots()).map((s) => s.id)).toEqual(snapshots.map((s) => s.id));
  }, 90_000);
});

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SandboxServer } from "../sandbox/server";
import { startTestSandbox } from "../sandbox/testing/clients";
import { cliEnv, runCliProcess, scanSaveArgs, storeInUseLine } from "../store/test-processes";
import { scanNow, startScanService } from "./scan-service";
import { getStore } from "./store";
import { stubDashboardEnv } from "./testing/dashboard-env";

describe("the dashboard's PGlite store", () => {
  let server: SandboxServer;
  let dataDir: string;
  beforeAll(async () => {
    server = await startTestSandbox();
    dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-dashboard-store-"));
    stubDashboardEnv(server.url, dataDir, "0");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const sandboxCalls = async () =>
    ((await (await fetch(`${server.url}/_sandbox/calls`)).json()) as unknown[]).length;

  it("is held from start to stop: scan --save is refused before scanning, export too; nothing is lost", async () => {
    await startScanService();
    const outcome = await scanNow("manual");
    expect(outcome.status).toBe("ok");
    const dashboardSnapshot = outcome.status === "ok" ? outcome.snapshotId : "";

    const callsBefore = await sandboxCalls();
    const scan = await runCliProcess(scanSaveArgs(server.url), cliEnv(dataDir));
    expect(scan.stderr).toMatch(storeInUseLine("kms-drift", dataDir, process.pid));
    expect(scan.code).toBe(2);
    expect(scan.stdout).toBe("");
    // Refused before the scan: not one request reached AWS.
    expect(await sandboxCalls()).toBe(callsBefore);

    const exported = await runCliProcess(["export", "--format", "csv"], cliEnv(dataDir));
    expect(exported.stderr).toMatch(
      storeInUseLine(
        "kms-drift export",
        dataDir,
        process.pid,
        ", or download it from the dashboard: GET /api/snapshots/latest/export?format=csv",
      ),
    );
    expect(exported.code).toBe(2);
    expect(exported.stdout).toBe("");

    // The dashboard stops; its snapshot is there for the CLI, and the CLI's for the next dashboard.
    await (await getStore()).close();
    const saved = await runCliProcess(scanSaveArgs(server.url), cliEnv(dataDir));
    expect(saved.code).toBe(0);
    const cliSnapshot = /snapshot ([0-9a-f-]{36}) saved/.exec(saved.stderr)?.[1];
    const latest = await runCliProcess(["export", "--format", "bundle"], cliEnv(dataDir));
    expect(latest.code).toBe(0);
    const bundle = JSON.parse(latest.stdout) as {
      parts: { snapshot: { id: string }; comparison: { fromSnapshotId: string } | null };
    };
    expect(bundle.parts.snapshot.id).toBe(cliSnapshot);
    expect(bundle.parts.comparison?.fromSnapshotId).toBe(dashboardSnapshot);
  }, 180_000);
});

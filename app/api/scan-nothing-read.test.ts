import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/server";
import { getStore } from "@/lib/server/store";
import { GET as getScan, POST as postScan } from "./scan/route";
import { GET as getSnapshots } from "./snapshots/route";

const noParams = { params: Promise.resolve({}) };
let sandbox: SandboxServer;
let dataDir = "";

beforeAll(async () => {
  // STS answers (identity works), but KMS in both scanned regions refuses: nothing is read.
  sandbox = await startSandboxServer({
    port: 0,
    world: "empty",
    seed: 1,
    faults: { notEnabled: ["us-east-1", "eu-west-1"] },
  });
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-nothing-read-api-"));
  vi.stubEnv("KMS_DRIFT_DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("KMS_DRIFT_REGIONS", "us-east-1,eu-west-1");
  vi.stubEnv("AWS_ENDPOINT_URL", sandbox.url);
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAQKMSDRIFTAUDIT1");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "x");
  vi.stubEnv("AWS_REGION", "us-east-1");
});

afterAll(async () => {
  await (await getStore()).close();
  vi.unstubAllEnvs();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface ScanStatusBody {
  running: boolean;
  lastOutcome: { status: string; reason?: string; snapshotId?: string } | null;
}

describe("Scan now when no region can be read", () => {
  it("records a failed run with the reason and stores no snapshot, as the CLI exits 2", async () => {
    const started = await postScan(
      new Request("http://127.0.0.1/api/scan", { method: "POST" }),
      noParams,
    );
    expect(started.status).toBe(202);
    let status: ScanStatusBody | undefined;
    await vi.waitFor(
      async () => {
        status = (await (
          await getScan(new Request("http://127.0.0.1/api/scan"), noParams)
        ).json()) as ScanStatusBody;
        expect(status.running).toBe(false);
        expect(status.lastOutcome).not.toBeNull();
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(status?.lastOutcome).toMatchObject({
      status: "failed",
      reason: "no region could be scanned: region not enabled for this account",
    });
    const list = (await (
      await getSnapshots(new Request("http://127.0.0.1/api/snapshots"), noParams)
    ).json()) as { snapshots: unknown[] };
    expect(list.snapshots).toEqual([]);
    const [run] = await (await getStore()).listRuns(1);
    expect(run).toMatchObject({
      status: "failed",
      snapshotId: null,
      reason: "no region could be scanned: region not enabled for this account",
    });
  }, 60_000);
});

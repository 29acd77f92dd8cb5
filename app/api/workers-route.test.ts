import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createQueueDatabase } from "@/lib/queue/testing/queue-database";
import { startWorkerProcess, stopWorkerProcess } from "@/lib/queue/testing/worker-processes";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/server";
import { getScanStatus } from "@/lib/server/scan-service";
import type { WorkersStatus } from "@/lib/views/workers-status";
import { POST } from "./scan/route";
import { GET } from "./workers/route";

const getWorkers = async () =>
  (await (
    await GET(new Request("http://127.0.0.1/api/workers"), { params: Promise.resolve({}) })
  ).json()) as WorkersStatus;

describe("GET /api/workers in the default mode", () => {
  it("says the dashboard scans in its own process", async () => {
    vi.stubEnv("KMS_DRIFT_WORKERS", "");
    vi.stubEnv("DATABASE_URL", "");
    try {
      expect(await getWorkers()).toEqual({ mode: "local" });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("KMS_DRIFT_WORKERS=queue: Scan now enqueues shards for the workers, and GET /api/workers lists them", () => {
  let sandbox: SandboxServer;
  let database: { url: string; drop(): Promise<void> };
  let worker: { child: ChildProcess; id: string };

  beforeAll(async () => {
    database = await createQueueDatabase();
    sandbox = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
    const env = {
      DATABASE_URL: database.url,
      KMS_DRIFT_WORKERS: "queue",
      KMS_DRIFT_REGIONS: "us-east-1,eu-west-1",
      AWS_ENDPOINT_URL: sandbox.url,
      AWS_ACCESS_KEY_ID: "AKIAQKMSDRIFTAUDIT1",
      AWS_SECRET_ACCESS_KEY: "x",
      AWS_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
    };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    worker = await startWorkerProcess(["--concurrency", "4"], { ...process.env, ...env });
  }, 90_000);

  afterAll(async () => {
    vi.unstubAllEnvs();
    if (worker) await stopWorkerProcess(worker.child);
    await database?.drop();
    await sandbox?.close();
  }, 60_000);

  it("runs the scan on the worker and shows it alive with the shards it did", async () => {
    const started = await POST(new Request("http://127.0.0.1/api/scan", { method: "POST" }), {
      params: Promise.resolve({}),
    });
    expect(started.status).toBe(202);
    await vi.waitFor(async () => expect((await getScanStatus()).running).toBe(false), {
      timeout: 60_000,
      interval: 200,
    });
    expect((await getScanStatus()).lastOutcome?.status).toBe("ok");
    const status = await getWorkers();
    if (status.mode !== "queue") throw new Error(`mode ${status.mode}`);
    expect(status.error).toBeUndefined();
    expect(status.workers.map((w) => [w.id, w.alive])).toEqual([[worker.id, true]]);
    // 2 regions × 1 account: a list, a read and a trail shard each.
    expect(status.workers[0]?.shardsDone).toBe(6);
    expect(status.scan).toMatchObject({ shardsTotal: 6, shardsDone: 6, shardsFailed: 0 });
    expect(status.scan?.finishedAt).not.toBeNull();
  }, 90_000);
});

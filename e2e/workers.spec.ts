import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createQueueDatabase } from "../lib/queue/testing/queue-database";
import { startWorkerProcess, stopWorkerProcess } from "../lib/queue/testing/worker-processes";
import { startSandboxServer, type SandboxServer } from "../lib/sandbox/server";
import { ROOT, spawnTs } from "../lib/store/test-processes";
import preparePostgres from "../scripts/vitest-postgres";
import { OverviewPage } from "./pages/overview-page";
import { QUEUE_DASHBOARD_PORT } from "./servers";
import { stopProcess } from "./processes";

/** A dashboard of its own, on the job queue (not a webServer: it needs PostgreSQL first). */
const BASE = `http://127.0.0.1:${QUEUE_DASHBOARD_PORT}`;
const SANDBOX_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "AKIAKMSDRIFTSANDBOX",
  AWS_SECRET_ACCESS_KEY: "sandbox-secret",
  AWS_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

test.describe("the Workers panel of a dashboard on the job queue (KMS_DRIFT_WORKERS=queue)", () => {
  let stopPostgres: (() => void) | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let sandbox: SandboxServer | undefined;
  let dashboard: ChildProcess | undefined;
  let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
  let dataDir: string | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    // A throwaway PostgreSQL, started as vitest's set-up does; without one this fails with the reason.
    stopPostgres = await preparePostgres();
    database = await createQueueDatabase();
    sandbox = await startSandboxServer({ port: 0, world: "demo" });
    dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-e2e-workers-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...SANDBOX_CREDENTIALS,
      DATABASE_URL: database.url,
    };
    delete env.AWS_PROFILE;
    worker = await startWorkerProcess(["--endpoint", sandbox.url, "--concurrency", "8"], env);
    dashboard = spawnTs("scripts/start.ts", [], {
      ...env,
      PORT: String(QUEUE_DASHBOARD_PORT),
      KMS_DRIFT_SOURCE: "aws",
      AWS_ENDPOINT_URL: sandbox.url,
      KMS_DRIFT_CONFIG: path.join(ROOT, "lib/sandbox/worlds/demo.config.json"),
      KMS_DRIFT_WORKERS: "queue",
      KMS_DRIFT_SCAN_ON_START: "0",
      KMS_DRIFT_DATA_DIR: dataDir,
    });
  });

  test.afterAll(async () => {
    await stopProcess(dashboard);
    if (worker !== undefined) await stopWorkerProcess(worker.child);
    await sandbox?.close();
    await database?.drop();
    stopPostgres?.();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  test("Scan now runs on the worker process, which the panel lists alive with its shards done", async ({
    page,
    request,
  }) => {
    test.setTimeout(240_000);
    await expect
      .poll(async () => (await request.get(`${BASE}/api/health`).catch(() => null))?.status(), {
        timeout: 180_000,
      })
      .toBe(200);
    const overview = new OverviewPage(page);
    await page.goto(`${BASE}/`);
    const panel = page.getByRole("region", { name: /^Workers:/ });
    await expect(panel.getByRole("heading")).toHaveText("Workers: 1 alive");

    await overview.scanNowButton().click();
    await expect(overview.progressBar()).toHaveAttribute("aria-valuetext", "done, 100%", {
      timeout: 120_000,
    });

    const row = panel.getByRole("row").filter({ hasText: `:${worker?.child.pid ?? -1}` });
    await expect(row.getByRole("cell")).toHaveText([
      `${os.hostname()}:${worker?.child.pid ?? -1}`,
      "alive",
      "0",
      /^[1-9]\d*$/,
      "0",
      "—",
    ]);
    await expect(panel).toContainText(/Last distributed scan: (\d+) of \1 shards done/);
  });
});

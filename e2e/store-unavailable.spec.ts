import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { STORE_HELD_PORT } from "./servers";
import { spawnTs, startStoreHolder } from "../lib/store/test-processes";
import { stopProcess } from "./processes";

const BASE = `http://127.0.0.1:${STORE_HELD_PORT}`;

test("a dashboard whose store another process holds says so on every page and answers 503, then recovers", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-e2e-held-"));
  const holder = await startStoreHolder(dataDir);
  let dashboard: ChildProcess | undefined;
  try {
    dashboard = spawnTs("scripts/start.ts", [], {
      ...process.env,
      PORT: String(STORE_HELD_PORT),
      KMS_DRIFT_DATA_DIR: dataDir,
      KMS_DRIFT_SANDBOX_WORLD: "empty",
    });
    await expect
      .poll(async () => (await request.get(`${BASE}/api/health`).catch(() => null))?.status(), {
        timeout: 120_000,
      })
      .toBe(200);

    const api = await request.get(`${BASE}/api/overview`);
    expect(api.status()).toBe(503);
    const body = (await api.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("store_unavailable");
    expect(body.error.message).toContain(
      `is in use by the dashboard (pid ${holder.pid ?? -1}, since`,
    );

    for (const address of ["/", "/families", "/snapshots"]) {
      await page.goto(`${BASE}${address}`);
      const notice = page
        .getByRole("alert")
        .filter({ hasText: "The snapshot store is in use by another process" });
      await expect(notice, address).toContainText(
        `in use by the dashboard (pid ${holder.pid ?? -1}`,
      );
      await expect(notice, address).toContainText("stop that process, or set DATABASE_URL");
    }

    await stopProcess(holder, "SIGKILL");
    await expect
      .poll(async () => (await request.get(`${BASE}/api/snapshots`)).status(), { timeout: 30_000 })
      .toBe(200);
    await page.goto(`${BASE}/snapshots`);
    await expect(page.getByRole("heading", { name: "Snapshots", level: 1 })).toBeVisible();
    await expect(page.getByText("The snapshot store is in use by another process")).toHaveCount(0);
  } finally {
    await stopProcess(holder, "SIGKILL");
    if (dashboard) await stopProcess(dashboard, "SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  }
});

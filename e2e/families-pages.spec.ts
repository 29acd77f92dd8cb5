import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FamiliesPage } from "./pages/families-page";
import { waitForSnapshotAndIdleScanner } from "./server-state";
import { DASHBOARD_PORT } from "./servers";

// A dashboard of its own on the large world: more families than one page of the grid (100).
const PORT = DASHBOARD_PORT + 4;
const BASE = `http://127.0.0.1:${PORT}`;

interface Page {
  total: number;
  matched: number;
  rows: { id: string; name: string }[];
}

test("the families grid fetches the pages it scrolls to: Ctrl+End reaches the last family", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-e2e-pages-"));
  let dashboard: ChildProcess | undefined;
  try {
    dashboard = spawn("npx", ["tsx", "scripts/start.ts"], {
      cwd: path.resolve(__dirname, ".."),
      stdio: "ignore",
      detached: true,
      env: {
        ...process.env,
        PORT: String(PORT),
        KMS_DRIFT_DATA_DIR: dataDir,
        KMS_DRIFT_FRESH_DATA: "1",
        KMS_DRIFT_SANDBOX_WORLD: "large",
        KMS_DRIFT_SANDBOX_KEYS: "1500",
      },
    });
    await expect
      .poll(async () => (await request.get(`${BASE}/api/health`).catch(() => null))?.ok(), {
        timeout: 180_000,
      })
      .toBe(true);
    await waitForSnapshotAndIdleScanner(request, BASE);

    const first = (await (await request.get(`${BASE}/api/families?sort=name`)).json()) as Page;
    expect(first.total).toBeGreaterThan(250);
    const last = (await (
      await request.get(`${BASE}/api/families?sort=name&offset=${first.total - 1}&limit=1`)
    ).json()) as Page;
    const lastName = last.rows[0]?.name ?? "";
    expect(lastName).not.toBe("");

    await page.goto(`${BASE}/families?sort=name`);
    const families = new FamiliesPage(page);
    await families.expectCount(first.total, first.total);
    const grid = families.grid();
    await expect(grid).toHaveAttribute("aria-rowcount", String(first.total + 1));
    // Only the first page came with the page: the last row is fetched when the grid gets there.
    await expect(grid.getByRole("link", { name: lastName, exact: true })).toHaveCount(0);
    await grid.getByRole("rowheader").first().focus();
    await page.keyboard.press("Control+End");
    const focused = page.locator(":focus");
    await expect(focused).toHaveAttribute("role", "gridcell");
    await expect(focused).toHaveAttribute("data-cell", new RegExp(`^${first.total - 1}:`));
    await page.keyboard.press("Home");
    await expect(page.locator(":focus").getByRole("link")).toHaveText(lastName);
  } finally {
    if (dashboard?.pid) process.kill(-dashboard.pid, "SIGTERM");
    await rm(dataDir, { recursive: true, force: true });
  }
});

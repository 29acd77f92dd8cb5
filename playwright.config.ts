import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { DASHBOARD_PORT, DOWN_REGION_SERVER, TOKEN_SERVER } from "./e2e/servers";

// Debian's Chromium here (Playwright cannot download its own); elsewhere Playwright's browser.
const chromiumPath = process.env.KMS_DRIFT_CHROMIUM ?? "/usr/bin/chromium";
const executablePath = existsSync(chromiumPath) ? chromiumPath : undefined;
const port = DASHBOARD_PORT;
const dataDir = path.join(os.tmpdir(), `kms-drift-e2e-${process.pid}`);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath } } },
  ],
  // Started in order: the first builds the app when needed, the second reuses that build.
  webServer: [
    {
      // The production path users take with `npm start`: build when needed, sandbox, scripts/serve.ts.
      command: "npx tsx scripts/start.ts",
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { PORT: String(port), KMS_DRIFT_DATA_DIR: dataDir, KMS_DRIFT_FRESH_DATA: "1" },
    },
    {
      command: "npx tsx scripts/start.ts",
      url: `${TOKEN_SERVER.url}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        PORT: String(TOKEN_SERVER.port),
        KMS_DRIFT_DATA_DIR: `${dataDir}-token`,
        KMS_DRIFT_FRESH_DATA: "1",
        KMS_DRIFT_TOKEN: TOKEN_SERVER.token,
        KMS_DRIFT_SCAN_ON_START: "0",
      },
    },
    {
      // A sandbox with a region down: the dashboard's snapshots are incomplete.
      command: "npx tsx scripts/start.ts",
      url: `${DOWN_REGION_SERVER.url}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        PORT: String(DOWN_REGION_SERVER.port),
        KMS_DRIFT_DATA_DIR: `${dataDir}-down`,
        KMS_DRIFT_FRESH_DATA: "1",
        KMS_DRIFT_SANDBOX_DOWN: DOWN_REGION_SERVER.downRegion,
        KMS_DRIFT_REGIONS: DOWN_REGION_SERVER.regions,
      },
    },
  ],
});

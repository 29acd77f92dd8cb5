import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test, type Locator } from "@playwright/test";
import type { SandboxServer } from "../lib/sandbox/server";
import { startOrgSandbox } from "../lib/sandbox/testing/organization";
import { spawnTs } from "../lib/store/test-processes";
import type { AccountsView } from "../lib/views/accounts";
import { OverviewPage } from "./pages/overview-page";
import { ORG_DASHBOARD_PORT } from "./servers";
import { stopProcess } from "./processes";

/** A dashboard of its own (not a webServer): it discovers an Organization and scans it on start. */
const BASE = `http://127.0.0.1:${ORG_DASHBOARD_PORT}`;
const FIRST_ROWS = 25;

/** Body rows only: the header row is the table's first. */
const bodyRows = (table: Locator) => table.locator("tbody tr");

test.describe("the overview of an Organization of more than 25 accounts", () => {
  let sandbox: SandboxServer | undefined;
  let dashboard: ChildProcess | undefined;
  let dir: string | undefined;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    ({ server: sandbox } = await startOrgSandbox({ seed: 4, accounts: 30, keysPerAccount: 2 }));
    dir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-e2e-org-"));
    const config = path.join(dir, "kms-drift.config.json");
    await writeFile(config, JSON.stringify({ organization: { roleName: "kms-drift-audit" } }));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: "AKIAQKMSDRIFTAUDIT1",
      AWS_SECRET_ACCESS_KEY: "sandbox-secret",
      AWS_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      PORT: String(ORG_DASHBOARD_PORT),
      KMS_DRIFT_SOURCE: "aws",
      AWS_ENDPOINT_URL: sandbox.url,
      KMS_DRIFT_CONFIG: config,
      KMS_DRIFT_REGIONS: "us-east-1,eu-west-1",
      KMS_DRIFT_SCAN_ON_START: "1",
      KMS_DRIFT_SCHEDULE: "off",
      KMS_DRIFT_DATA_DIR: path.join(dir, "data"),
    };
    delete env.AWS_PROFILE;
    delete env.DATABASE_URL;
    dashboard = spawnTs("scripts/start.ts", [], env);
  });

  test.afterAll(async () => {
    await stopProcess(dashboard);
    await sandbox?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  test("shows the first 25 accounts and account-regions; Show all lists every one, and back", async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    // The dashboard takes its first snapshot itself (KMS_DRIFT_SCAN_ON_START=1): nobody asks it to.
    let accounts: AccountsView | undefined;
    await expect
      .poll(
        async () => {
          const response = await request.get(`${BASE}/api/overview`).catch(() => null);
          if (response?.status() !== 200) return 0;
          accounts =
            ((await response.json()) as { accounts: AccountsView | null }).accounts ?? undefined;
          return accounts?.total ?? 0;
        },
        { timeout: 150_000 },
      )
      .toBeGreaterThan(FIRST_ROWS);
    const total = accounts?.total ?? 0;

    const overview = new OverviewPage(page);
    await page.goto(`${BASE}/`);
    const section = overview.region("Accounts");
    const table = overview.accountsTable();
    await expect(section).toContainText(`Showing ${FIRST_ROWS} of ${total} accounts.`);
    await expect(bodyRows(table)).toHaveCount(FIRST_ROWS);

    const showAll = section.getByRole("button", { name: `Show all ${total} accounts` });
    await expect(showAll).toHaveAttribute("aria-expanded", "false");
    await showAll.click();
    await expect(bodyRows(table)).toHaveCount(total);
    await expect(section).toContainText(`Showing ${total} of ${total} accounts.`);
    const showFirst = section.getByRole("button", { name: `Show the first ${FIRST_ROWS}` });
    await expect(showFirst).toHaveAttribute("aria-expanded", "true");
    // Every account the API lists is a row, not only a count that grew.
    const listed = await table.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(listed.sort()).toEqual((accounts?.items ?? []).map((i) => i.account).sort());
    await showFirst.click();
    await expect(bodyRows(table)).toHaveCount(FIRST_ROWS);

    const regions = page.getByRole("table", { name: "Regions scanned and their status" });
    const line = page.getByText(/^Showing 25 of \d+ account-regions\.$/);
    await expect(line).toBeVisible();
    const regionTotal = Number(/of (\d+)/.exec((await line.textContent()) ?? "")?.[1]);
    expect(regionTotal).toBeGreaterThan(FIRST_ROWS);
    await expect(bodyRows(regions)).toHaveCount(FIRST_ROWS);
    await page.getByRole("button", { name: `Show all ${regionTotal} account-regions` }).click();
    await expect(bodyRows(regions)).toHaveCount(regionTotal);
  });
});

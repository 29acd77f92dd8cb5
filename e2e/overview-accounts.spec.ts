import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { AccountsView } from "../lib/views/accounts";
import { OverviewPage } from "./pages/overview-page";
import { DOWN_REGION_SERVER } from "./servers";
import { waitForSnapshotAndIdleScanner } from "./server-state";

const COLUMNS = [
  "Status",
  "Account",
  "Name",
  "OU",
  "Regions read",
  "Regions failed",
  "Keys",
  "Reason",
];

async function expectNoSeriousAxeViolation(page: Page): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .include("section[aria-labelledby='accounts-heading']")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (e.g. ${v.nodes[0]?.target.join(" ")})`);
    expect(serious, colorScheme).toEqual([]);
  }
}

test("the overview lists every account of the demo snapshot with its status, as the API does", async ({
  page,
  request,
}) => {
  await waitForSnapshotAndIdleScanner(request);
  const { accounts } = (await (await request.get("/api/overview")).json()) as {
    accounts: AccountsView;
  };
  // The demo world: the auditor's own account and the configured shared-services account.
  expect(accounts.items.map((i) => [i.account, i.status])).toEqual([
    ["111122223333", "ok"],
    ["444455556666", "ok"],
  ]);
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.waitForSnapshot();
  await expect(overview.region("Accounts")).toContainText("2 accounts: 2 ok.");
  await expect(overview.accountsTable().getByRole("columnheader")).toHaveText(COLUMNS);
  for (const account of ["111122223333", "444455556666"])
    await expect(overview.accountRow(account).getByRole("cell").first()).toHaveText("ok");
  await expectNoSeriousAxeViolation(page);
});

test(`an account with a region down is partial, with the reason, on the overview (${DOWN_REGION_SERVER.downRegion} down)`, async ({
  page,
  request,
}) => {
  await waitForSnapshotAndIdleScanner(request, DOWN_REGION_SERVER.url);
  await page.goto(`${DOWN_REGION_SERVER.url}/`);
  const overview = new OverviewPage(page);
  await overview.waitForSnapshot();
  await expect(overview.region("Accounts")).toContainText("2 accounts: 2 partial.");
  for (const account of ["111122223333", "444455556666"]) {
    const cells = overview.accountRow(account).getByRole("cell");
    await expect(cells.first()).toHaveText("partial");
    // Regions read, regions failed: three regions are scanned and one of them is down.
    await expect(cells.nth(4)).toHaveText("2");
    await expect(cells.nth(5)).toHaveText("1");
    await expect(cells.last()).toContainText("1 of 3 regions failed: ");
  }
  await expectNoSeriousAxeViolation(page);
});

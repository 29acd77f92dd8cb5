import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { FamiliesPage } from "./pages/families-page";
import { waitForSnapshotAndIdleScanner } from "./server-state";

// A filter change is shown at once but written to the URL only once its rows are painted (Next.js
// turns each History API write into a router transition, which competed with the filter's request).
// These tests hold /api/families back to open that window and check the history around it.
test.beforeEach(async ({ request }) => {
  await waitForSnapshotAndIdleScanner(request);
});

async function matchedFor(request: APIRequestContext, query: string): Promise<number> {
  const response = await request.get(`/api/families?${query}`);
  expect(response.status(), query).toBe(200);
  return ((await response.json()) as { matched: number }).matched;
}

/** Holds the page's /api/families requests until `release` is called. */
async function holdFamiliesApi(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/api\/families\?/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

async function openFamilies(page: Page): Promise<FamiliesPage> {
  const families = new FamiliesPage(page);
  await families.open();
  await page.locator("[data-hydrated]").waitFor({ state: "attached" });
  return families;
}

const closeList = (page: Page, group: string) =>
  page.getByRole("form", { name: "Filters" }).getByText(group).first().click();

test("the URL is written once the filter's rows are shown, not while they are on their way", async ({
  page,
  request,
}) => {
  const all = await matchedFor(request, "");
  const critical = await matchedFor(request, "severity=critical");
  expect(critical).not.toBe(all);
  const families = await openFamilies(page);
  const release = await holdFamiliesApi(page);
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText("Severity").first().click();
  await filters.getByRole("checkbox", { name: "critical", exact: true }).check();
  // Clicked and read in one task of the page, so no timer of the page runs in between.
  const searchAfterClick = await page.evaluate(() => {
    const apply = [...document.querySelectorAll('form[aria-label="Filters"] button')].find(
      (b) => b.textContent === "Apply filters",
    );
    if (!(apply instanceof HTMLButtonElement)) return "no Apply button";
    apply.click();
    return window.location.search;
  });
  expect(searchAfterClick).toBe("");
  await expect(families.chip("severity: critical")).toBeVisible();
  release();
  await expect(page).toHaveURL(/\/families\?severity=critical$/);
  await families.expectCount(critical, all);
});

test("two filters applied before the first one's rows arrive: Back returns to the first", async ({
  page,
  request,
}) => {
  const all = await matchedFor(request, "");
  const critical = await matchedFor(request, "severity=critical");
  const both = await matchedFor(request, "severity=critical&property=residency");
  expect(new Set([all, critical, both]).size).toBe(3);
  const families = await openFamilies(page);
  const release = await holdFamiliesApi(page);
  await families.stageAndApply("Severity", "critical");
  await closeList(page, "Severity");
  await families.stageAndApply("Property", "residency");
  release();
  await expect(page).toHaveURL(/\/families\?severity=critical&property=residency$/);
  await families.expectCount(both, all);

  await page.goBack();
  await expect(page).toHaveURL(/\/families\?severity=critical$/);
  await families.expectCount(critical, all);
  await expect(families.chip("property: residency")).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/\/families$/);
  await families.expectCount(all, all);
  await expect(families.chip("severity: critical")).toHaveCount(0);
});

test("Back before a filter's rows arrive leaves the last written filters, and the held write is never made", async ({
  page,
  request,
}) => {
  const all = await matchedFor(request, "");
  const critical = await matchedFor(request, "severity=critical");
  const families = await openFamilies(page);
  await families.stageAndApply("Severity", "critical");
  await expect(page).toHaveURL(/\/families\?severity=critical$/);
  await families.expectCount(critical, all);

  const release = await holdFamiliesApi(page);
  await closeList(page, "Severity");
  await families.stageAndApply("Property", "residency");
  await expect(families.chip("property: residency")).toBeVisible();
  // The residency filter has no history entry yet: Back leaves the critical one.
  await page.goBack();
  await expect(page).toHaveURL(/\/families$/);
  await families.expectCount(all, all);
  await expect(families.chip("severity: critical")).toHaveCount(0);
  await expect(families.chip("property: residency")).toHaveCount(0);
  release();
  // Longer than the longest a write waits (MAX_URL_WRITE_DELAY_MS, 500 ms): a queued write would be made by now.
  await page.waitForTimeout(1_000);
  await expect(page).toHaveURL(/\/families$/);
  await page.goForward();
  await expect(page).toHaveURL(/\/families\?severity=critical$/);
  await families.expectCount(critical, all);
});

import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { FamiliesPage } from "./pages/families-page";
import { waitForSnapshotAndIdleScanner } from "./server-state";

// The filters are the families view's own state, written to the URL with the History API: the
// URL must still be the truth for back, forward and reload. A change is written only once its rows
// are painted (Next.js turns each History API write into a router transition, which competed with
// the filter's request); the last tests hold /api/families back to open that window.
test.beforeEach(async ({ request }) => {
  await waitForSnapshotAndIdleScanner(request);
});

interface ApiPage {
  matched: number;
  total: number;
  rows: { name: string }[];
}

async function familiesFor(request: APIRequestContext, query: string): Promise<ApiPage> {
  const response = await request.get(`/api/families?${query}`);
  expect(response.status(), query).toBe(200);
  return (await response.json()) as ApiPage;
}

test("back and forward restore the previous filters and their rows; a reload keeps them", async ({
  page,
  request,
}) => {
  const all = await familiesFor(request, "");
  const critical = await familiesFor(request, "severity=critical");
  const both = await familiesFor(request, "severity=critical&property=residency");
  // Three different counts, or the steps below could not tell the states apart.
  expect(new Set([all.matched, critical.matched, both.matched]).size).toBe(3);
  const families = new FamiliesPage(page);
  await families.open();
  await page.locator("[data-hydrated]").waitFor({ state: "attached" });
  const firstRow = () => families.grid().getByRole("rowheader").first().getByRole("link");
  const residencyBox = page
    .getByRole("form", { name: "Filters" })
    .getByRole("group", { name: "Property" })
    .getByRole("checkbox", { name: "residency", exact: true });

  await families.stageAndApply("Severity", "critical");
  await expect(page).toHaveURL(/\/families\?severity=critical$/);
  await families.expectCount(critical.matched, all.total);
  await expect(firstRow()).toHaveText(critical.rows[0]?.name ?? "");
  // Close the severity list: an open list lies over the next one's checkboxes and Apply.
  await page.getByRole("form", { name: "Filters" }).getByText("Severity").first().click();
  await families.stageAndApply("Property", "residency");
  await expect(page).toHaveURL(/\/families\?severity=critical&property=residency$/);
  await families.expectCount(both.matched, all.total);

  await page.goBack();
  await expect(page).toHaveURL(/\/families\?severity=critical$/);
  await families.expectCount(critical.matched, all.total);
  await expect(firstRow()).toHaveText(critical.rows[0]?.name ?? "");
  await expect(families.chip("property: residency")).toHaveCount(0);
  await expect(residencyBox).not.toBeChecked();

  await page.goBack();
  await expect(page).toHaveURL(/\/families$/);
  await families.expectCount(all.matched, all.total);
  await expect(firstRow()).toHaveText(all.rows[0]?.name ?? "");
  await expect(families.chip("severity: critical")).toHaveCount(0);

  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(/\/families\?severity=critical&property=residency$/);
  await families.expectCount(both.matched, all.total);
  await expect(residencyBox).toBeChecked();

  await page.reload();
  await families.expectCount(both.matched, all.total);
  await expect(families.chip("severity: critical")).toBeVisible();
  await expect(families.chip("property: residency")).toBeVisible();
});

test("a search replaces its history entry, and Back leaves it for the filters before it", async ({
  page,
  request,
}) => {
  const all = await familiesFor(request, "");
  const critical = await familiesFor(request, "severity=critical");
  const families = new FamiliesPage(page);
  await families.open();
  await page.locator("[data-hydrated]").waitFor({ state: "attached" });
  await families.stageAndApply("Severity", "critical");
  await families.expectCount(critical.matched, all.total);
  const q = (all.rows[0]?.name ?? "").slice(0, 6);
  const searched = await familiesFor(request, `severity=critical&q=${encodeURIComponent(q)}`);
  expect(searched.matched).not.toBe(critical.matched);
  await families.searchBox().fill(q);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(q)}$`));
  await families.expectCount(searched.matched, all.total);
  await page.goBack();
  await expect(page).toHaveURL(/\/families$/);
  await families.expectCount(all.matched, all.total);
  await expect(families.searchBox()).toHaveValue("");
});

test("the grid's family links do not fetch their pages in advance; opening one still works", async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on("request", (r) => {
    if (/\/families\/[^/?]+/.test(new URL(r.url()).pathname)) fetched.push(r.url());
  });
  const families = new FamiliesPage(page);
  await families.open();
  await page.locator("[data-hydrated]").waitFor({ state: "attached" });
  await families.stageAndApply("Severity", "critical");
  await expect(families.chip("severity: critical")).toBeVisible();
  await families.grid().getByRole("rowheader").first().getByRole("link").waitFor();
  // Next.js prefetches a link in view within a few hundred ms of its mount, when it does.
  await page.waitForTimeout(2000);
  expect(fetched).toEqual([]);
  await families.grid().getByRole("rowheader").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/families\/\d{12}%3A/);
});

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

/**
 * Clicks "Apply filters" and, with `back`, goes Back in the same task of the page, so that no
 * timer of the page (the URL write's 500 ms deadline) can run in between however slow the machine;
 * returns the URL's query right after the click (or why there was nothing to click).
 */
function clickApply({ back }: { back: boolean }): string {
  const apply = [...document.querySelectorAll('form[aria-label="Filters"] button')].find(
    (b) => b.textContent === "Apply filters",
  );
  if (!(apply instanceof HTMLButtonElement)) return "no Apply button";
  apply.click();
  const search = window.location.search;
  if (back) window.history.back();
  return search;
}

const closeList = (page: Page, group: string) =>
  page.getByRole("form", { name: "Filters" }).getByText(group).first().click();

test("the URL is written once the filter's rows are shown, not while they are on their way", async ({
  page,
  request,
}) => {
  const all = (await familiesFor(request, "")).matched;
  const critical = (await familiesFor(request, "severity=critical")).matched;
  expect(critical).not.toBe(all);
  const families = await openFamilies(page);
  const release = await holdFamiliesApi(page);
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText("Severity").first().click();
  await filters.getByRole("checkbox", { name: "critical", exact: true }).check();
  // Clicked and read in one task of the page, so no timer of the page runs in between.
  const searchAfterClick = await page.evaluate(clickApply, { back: false });
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
  const all = (await familiesFor(request, "")).matched;
  const critical = (await familiesFor(request, "severity=critical")).matched;
  const both = (await familiesFor(request, "severity=critical&property=residency")).matched;
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
  const all = (await familiesFor(request, "")).matched;
  const critical = (await familiesFor(request, "severity=critical")).matched;
  const families = await openFamilies(page);
  await families.stageAndApply("Severity", "critical");
  await expect(page).toHaveURL(/\/families\?severity=critical$/);
  await families.expectCount(critical, all);

  const release = await holdFamiliesApi(page);
  await closeList(page, "Severity");
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText("Property").first().click();
  await filters.getByRole("checkbox", { name: "residency", exact: true }).check();
  // The residency filter has no history entry yet: Back leaves the critical one.
  expect(await page.evaluate(clickApply, { back: true })).toBe("?severity=critical");
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

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DOWN_REGION_SERVER } from "./servers";
import { waitForSnapshotAndIdleScanner } from "./server-state";

const BASE = DOWN_REGION_SERVER.url;
const DOWN = DOWN_REGION_SERVER.downRegion;

interface Matrix {
  regions: string[];
  rows: { id: string; cells: string[] }[];
}

/** The notices and cells only this server shows pass axe in both colour schemes. */
async function expectNoSeriousAxeViolation(page: Page, path: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${path} ${v.id}: ${v.help} (e.g. ${v.nodes[0]?.target.join(" ")})`);
    expect(serious, `${path} (${colorScheme})`).toEqual([]);
  }
}

test.describe(`a dashboard whose sandbox has ${DOWN} down`, () => {
  test.beforeEach(async ({ request }) => {
    await waitForSnapshotAndIdleScanner(request, BASE);
  });

  test("the overview and the snapshot page say the scan is incomplete and name the region", async ({
    page,
    request,
  }) => {
    await page.goto(`${BASE}/`);
    const notice = page
      .getByRole("status")
      .filter({ hasText: /^Incomplete scan: \d+ of \d+ regions could not be read/ });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(`/${DOWN}:`);
    await expect(notice).toContainText("Their findings are unknown");
    await expectNoSeriousAxeViolation(page, "/");

    const latest = (await (await request.get(`${BASE}/api/snapshots/latest`)).json()) as {
      snapshot: { id: string; status: string };
    };
    expect(latest.snapshot.status).toBe("incomplete");
    await page.goto(`${BASE}/snapshots/${latest.snapshot.id}`);
    const snapshotNotice = page.getByRole("status").filter({ hasText: /^Incomplete scan: / });
    await expect(snapshotNotice).toContainText(`/${DOWN}:`);
  });

  test("the families matrix shows the region as not read and uncompared families as unknown, never in sync", async ({
    page,
    request,
  }) => {
    const matrix = (await (await request.get(`${BASE}/api/families`)).json()) as Matrix;
    const down = matrix.regions.indexOf(DOWN);
    expect(down).toBeGreaterThanOrEqual(0);
    const column = matrix.rows.map((r) => r.cells[down]);
    expect(column).not.toContain("in-sync");
    expect(column).toContain("not-read");
    // Families whose primary is in the down region were not compared: no member is in sync.
    const uncompared = matrix.rows.filter(
      (r) => r.cells[down] === "not-read" && r.cells.includes("unknown"),
    );
    expect(uncompared.length).toBeGreaterThan(0);
    for (const row of uncompared) expect(row.cells).not.toContain("in-sync");

    await page.goto(`${BASE}/families`);
    const grid = page.getByRole("grid", { name: "Families by region" });
    // Each cell's name is "<region>: <state>" (the chip's words, for screen readers).
    await expect(grid.getByRole("gridcell", { name: `${DOWN}: not read: ` }).first()).toBeVisible();
    await expect(
      grid.getByRole("gridcell", { name: /: unknown: not compared$/ }).first(),
    ).toBeVisible();
    await expect(grid.getByRole("gridcell", { name: `${DOWN}: in sync` })).toHaveCount(0);
    await expectNoSeriousAxeViolation(page, "/families");
  });

  test("a family whose reference region is down says it could not be compared", async ({
    page,
    request,
  }) => {
    const latest = (await (await request.get(`${BASE}/api/snapshots/latest`)).json()) as {
      findings: { familyId: string; title: string }[];
    };
    const notCompared = latest.findings.find((f) =>
      f.title.startsWith(`could not compare: reference region ${DOWN} was not read`),
    );
    if (!notCompared) throw new Error(`the demo world has multi-Region primaries in ${DOWN}`);
    await page.goto(`${BASE}/families/${encodeURIComponent(notCompared.familyId)}`);
    const notice = page.getByRole("status").filter({ hasText: /^Could not compare/ });
    await expect(notice).toContainText(`${DOWN}: error: `);
    await expect(notice).toContainText("its drift is unknown");
    await expect(page.getByText("In sync: no differences from the reference region.")).toHaveCount(
      0,
    );
    await expectNoSeriousAxeViolation(page, "/families/[id]");
  });
});

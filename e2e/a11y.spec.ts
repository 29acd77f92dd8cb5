import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGES = ["/", "/families", "/residency", "/snapshots", "/keys"];

for (const colorScheme of ["light", "dark"] as const) {
  test(`every page passes axe's WCAG 2 A/AA rules with no serious or critical violation (${colorScheme})`, async ({
    page,
    request,
  }) => {
    await page.emulateMedia({ colorScheme });
    await expect
      .poll(async () => (await request.get("/api/snapshots/latest/export?format=csv")).status(), {
        timeout: 120_000,
      })
      .toBe(200);
    const families = (await (await request.get("/api/families?severity=high")).json()) as {
      rows: { id: string }[];
    };
    const familyId = families.rows[0]?.id;
    if (!familyId) throw new Error("the demo world has a family with a high finding");
    for (const path of [...PAGES, `/families/${encodeURIComponent(familyId)}`]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
      const serious = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${path} ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`,
        );
      expect(serious, path).toEqual([]);
    }
  });
}

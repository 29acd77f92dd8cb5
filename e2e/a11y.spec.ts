import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { waitForSnapshotAndIdleScanner } from "./server-state";

const PAGES = ["/", "/families", "/residency", "/snapshots", "/keys"];

// Layout decides which nodes axe can judge (overlapping boxes are left "incomplete"), so a page
// that passes at one size can fail at another: each scheme also runs at a wide and a narrow size.
const RUNS = [
  { colorScheme: "light", viewport: null },
  { colorScheme: "dark", viewport: null },
  { colorScheme: "light", viewport: { width: 1920, height: 1080 } },
  { colorScheme: "dark", viewport: { width: 390, height: 844 } },
] as const;

for (const { colorScheme, viewport } of RUNS) {
  const size = viewport ? ` at ${viewport.width}×${viewport.height}` : "";
  test(`every page passes axe's WCAG 2 A/AA rules with no serious or critical violation (${colorScheme}${size})`, async ({
    page,
    request,
  }) => {
    await page.emulateMedia({ colorScheme });
    if (viewport) await page.setViewportSize(viewport);
    await waitForSnapshotAndIdleScanner(request);
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

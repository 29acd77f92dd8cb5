import { expect, test } from "@playwright/test";

test("the keys page lists the sandbox demo world's keys per region", async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto("/keys");
  await expect(page.getByRole("heading", { name: "Keys by region" })).toBeVisible();
  // The first snapshot is taken when the server starts; the page refreshes itself when it lands.
  const regionSections = page.getByRole("region", { name: /^Keys in 111122223333 / });
  await expect(regionSections.first()).toBeVisible({ timeout: 120_000 });
  const { regions } = (await (await request.get("/api/overview")).json()) as {
    regions: { account: string; region: string; keyCount: number }[];
  };
  const withKeys = regions.filter((r) => r.account === "111122223333" && r.keyCount > 0);
  // The keys come a page at a time: the pages together hold a section per region with keys.
  const seen = new Set<string>();
  for (let pageNumber = 2; ; pageNumber += 1) {
    for (const name of await regionSections.evaluateAll((els) =>
      els.map((e) => e.getAttribute("aria-label") ?? ""),
    ))
      seen.add(name);
    const next = page.getByRole("link", { name: "Next page" }).first();
    if ((await next.count()) === 0) break;
    await next.click();
    await expect(page).toHaveURL(new RegExp(`page=${pageNumber}$`));
  }
  expect([...seen].sort()).toEqual(withKeys.map((r) => `Keys in 111122223333 ${r.region}`).sort());
  await page.goto("/keys");
  await expect(page.getByRole("cell", { name: /^mrk-[0-9a-f]{32}$/ }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Enabled" }).first()).toBeVisible();
  expect(dialogs).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/keys.png", fullPage: true });
});

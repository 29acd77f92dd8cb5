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
    regions: { account: string; keyCount: number }[];
  };
  const withKeys = regions.filter((r) => r.account === "111122223333" && r.keyCount > 0);
  await expect(regionSections).toHaveCount(withKeys.length);
  await expect(page.getByRole("cell", { name: /^mrk-[0-9a-f]{32}$/ }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Enabled" }).first()).toBeVisible();
  expect(dialogs).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/keys.png", fullPage: true });
});

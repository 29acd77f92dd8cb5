import { expect, test } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { waitForSnapshotAndIdleScanner } from "./server-state";

async function pdfPageTexts(pdf: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return texts;
}

test("the HTML report renders in Chromium and prints to PDF with the summary on page 1", async ({
  page,
  request,
}) => {
  await waitForSnapshotAndIdleScanner(request);
  const response = await request.get("/api/snapshots/latest/export?format=html");
  expect(response.status()).toBe(200);
  const html = await response.text();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setContent(html);
  await expect(page.getByRole("heading", { name: "Summary" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Drift per family" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/html-report.png", fullPage: true });

  const pages = await pdfPageTexts(await page.pdf({ format: "A4", printBackground: true }));
  expect(pages.length).toBeGreaterThan(1);
  expect(pages[0]).toContain("Summary");
  expect(pages[0]).toMatch(/kms-drift report/);
  expect(pages.slice(1).join(" ")).not.toContain("Summary ");
  expect(dialogs).toEqual([]);
});

import { expect, test } from "@playwright/test";
import { OverviewPage } from "./pages/overview-page";
import { waitForSnapshotAndIdleScanner } from "./server-state";

test("Scan now ends with the progress line counting every account, region and key of the demo world as done", async ({
  page,
  request,
}) => {
  await waitForSnapshotAndIdleScanner(request);
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.waitForSnapshot();
  await overview.scanNowButton().click();
  await expect(overview.progressBar()).toHaveAttribute("aria-valuetext", "done, 100%", {
    timeout: 90_000,
  });
  // Two accounts (the auditor's and shared-services); each total reached; no ETA left to give.
  await expect(overview.progressLine()).toHaveText(
    /^done · accounts 2\/2 · regions (\d+)\/\1 · keys ([\d,]+)\/\2 · [\d,]+ calls · \d+ throttled · done$/,
  );
});

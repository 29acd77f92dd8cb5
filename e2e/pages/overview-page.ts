import { expect } from "@playwright/test";
import { AppPage } from "./app-page";

export class OverviewPage extends AppPage {
  async open(): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  }

  async waitForSnapshot(): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "Open findings by severity" })).toBeVisible(
      { timeout: 120_000 },
    );
  }

  region(name: string) {
    return this.page.getByRole("region", { name, exact: true });
  }

  scanNowButton() {
    return this.page.getByRole("button", { name: "Scan now" });
  }

  progressBar() {
    return this.page.getByRole("progressbar", { name: "Scan progress" });
  }

  /** The Accounts section's table of accounts and their status. */
  accountsTable() {
    return this.region("Accounts").getByRole("table");
  }

  /** The Accounts table's row of one account (by its id). */
  accountRow(account: string) {
    return this.accountsTable().getByRole("row").filter({ hasText: account });
  }

  /** The line under the progress bar: phase, counts and the time left. */
  progressLine() {
    return this.page.getByRole("progressbar", { name: "Scan progress" }).locator("xpath=../p");
  }

  findingLink(title: string) {
    return this.region("Open findings").getByRole("link", { name: title, exact: true });
  }
}

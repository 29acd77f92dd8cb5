import { expect } from "@playwright/test";
import { AppPage } from "./app-page";

export class SnapshotsPage extends AppPage {
  async open(): Promise<void> {
    await this.page.goto("/snapshots");
    await expect(this.page.getByRole("heading", { name: "Snapshots", level: 1 })).toBeVisible();
  }

  historyLinks() {
    return this.page.getByRole("region", { name: "History" }).getByRole("link");
  }

  async compareNewestTwo(): Promise<void> {
    await this.page.getByRole("button", { name: "Compare" }).click();
    await expect(this.page.getByRole("heading", { name: "Compare snapshots" })).toBeVisible();
  }
}

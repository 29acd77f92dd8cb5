import { expect } from "@playwright/test";
import { AppPage } from "./app-page";

export class FamilyPage extends AppPage {
  async open(familyId: string): Promise<void> {
    await this.page.goto(`/families/${encodeURIComponent(familyId)}`);
  }

  finding(title: string) {
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return this.page.getByRole("article", { name: new RegExp(escaped) });
  }

  accessDelta(title: string) {
    return this.finding(title).getByRole("list", { name: "Access delta" });
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "Properties by region" })).toBeVisible();
  }
}

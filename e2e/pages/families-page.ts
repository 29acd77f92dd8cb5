import { expect } from "@playwright/test";
import { AppPage } from "./app-page";

export class FamiliesPage extends AppPage {
  async open(query = ""): Promise<void> {
    await this.page.goto(`/families${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Families", level: 1 })).toBeVisible();
  }

  grid() {
    return this.page.getByRole("grid", { name: "Families by region" });
  }

  countText() {
    return this.page.getByRole("status").filter({ hasText: /families$/ });
  }

  async expectCount(shown: number, total: number): Promise<void> {
    await expect(this.countText()).toHaveText(`${shown} of ${total} families`);
  }

  chip(label: string) {
    return this.page.getByRole("button", { name: `Remove filter ${label}` });
  }

  async stageAndApply(group: string, value: string): Promise<void> {
    const filters = this.page.getByRole("form", { name: "Filters" });
    await filters.getByText(group, { exact: false }).first().click();
    await filters
      .getByRole("group", { name: group })
      .getByRole("checkbox", { name: value, exact: true })
      .check();
    await filters.getByRole("button", { name: "Apply filters" }).click();
  }

  searchBox() {
    return this.page.getByLabel("Search families");
  }
}

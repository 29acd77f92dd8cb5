import { expect, type Page } from "@playwright/test";

/** What every page object shares: navigation, dialog watch, screenshots. */
export class AppPage {
  readonly dialogs: string[] = [];

  constructor(readonly page: Page) {
    page.on("dialog", (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }

  nav(name: string) {
    return this.page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name, exact: true });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }

  async expectNoDialogs(): Promise<void> {
    expect(this.dialogs).toEqual([]);
  }
}

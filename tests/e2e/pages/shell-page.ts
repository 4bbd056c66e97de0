import { expect, type Locator, type Page } from "@playwright/test";

/** The app shell: sidebar navigation, the main landmark and its heading. */
export class ShellPage {
  readonly nav: Locator;
  readonly main: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.main = page.locator("main#main");
    this.heading = this.main.getByRole("heading", { level: 1 });
  }

  async goto(path = "/") {
    const response = await this.page.goto(path);
    await expect(this.heading).toBeVisible();
    return response;
  }

  link(label: string): Locator {
    return this.nav.getByRole("link", { name: label, exact: true });
  }

  async navigateTo(label: string) {
    await this.link(label).click();
    await expect(this.heading).toHaveText(label);
  }
}

import { expect, type Locator, type Page } from "@playwright/test";

/** The app shell: sidebar navigation (or, below md, the Menu drawer), the main landmark and its heading. */
export class ShellPage {
  readonly nav: Locator;
  readonly main: Locator;
  readonly heading: Locator;
  readonly menuButton: Locator;
  readonly drawer: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.main = page.locator("main#main");
    this.heading = this.main.getByRole("heading", { level: 1 });
    this.menuButton = page.getByRole("button", { name: "Menu", exact: true });
    this.drawer = page.getByRole("dialog", { name: "Menu" });
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

  /** Small screens: opens the Menu drawer and waits until focus is inside it. */
  async openMenu() {
    await this.menuButton.click();
    await expect(this.menuButton).toHaveAttribute("aria-expanded", "true");
    await expect(this.drawer).toBeVisible();
    await expect
      .poll(() => this.page.evaluate(() => !!document.activeElement?.closest("dialog[open]")))
      .toBe(true);
  }

  /** Small screens: goes to a section through the drawer, which closes on arrival. */
  async navigateByMenu(label: string, heading = label) {
    await this.openMenu();
    await this.drawer.getByRole("link", { name: label, exact: true }).click();
    await expect(this.heading).toHaveText(heading);
    await expect(this.drawer).toBeHidden();
    await expect(this.menuButton).toHaveAttribute("aria-expanded", "false");
  }
}

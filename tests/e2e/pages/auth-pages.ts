import { expect, type Page } from "@playwright/test";

export const ADMIN = {
  email: "admin@example.com",
  password: "admin passphrase for e2e",
  file: "test-results/.auth/admin.json",
};

/** The register and login pages, used the way a person does: labels, typing, Enter. */
export class AuthPages {
  constructor(readonly page: Page) {}

  /** Registers a new account, which signs it in and lands on the dashboard (or `next`). */
  async register(email: string, password: string, name = "E2E User", path = "/") {
    if (!this.page.url().includes("/register")) await this.page.goto("/register");
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByLabel("Confirm password").fill(password);
    await this.page.getByRole("button", { name: "Create account" }).click();
    await expect(this.page).toHaveURL(path);
    await expect(this.page.getByTestId("user-email")).toHaveText(email);
  }

  async login(email: string, password: string) {
    if (!this.page.url().includes("/login")) await this.page.goto("/login");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByLabel("Password").press("Enter");
  }

  async loginAndLand(email: string, password: string, path = "/") {
    await this.login(email, password);
    await expect(this.page).toHaveURL(path);
    await expect(this.page.getByTestId("user-email")).toHaveText(email);
  }
}

import { expect, type Page } from "@playwright/test";

export const ADMIN = {
  email: "admin@example.com",
  password: "admin passphrase for e2e",
  file: "test-results/.auth/admin.json",
};

/** The register and login pages, used the way a person does: labels, typing, Enter. */
export class AuthPages {
  constructor(readonly page: Page) {}

  async register(email: string, password: string, name = "E2E User") {
    await this.page.goto("/register");
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByLabel("Confirm password").fill(password);
    await this.page.getByRole("button", { name: "Create account" }).click();
    await expect(this.page).toHaveURL(/\/login\?registered=1$/);
    await expect(this.page.getByText("Account created. Sign in to continue.")).toBeVisible();
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

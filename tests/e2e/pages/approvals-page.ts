import { expect, type Locator, type Page } from "@playwright/test";

/** The approvals inbox and the navigation's count, used by label and role as a person would. */
export class ApprovalsPage {
  readonly main: Locator;
  readonly navLink: Locator;

  constructor(readonly page: Page) {
    this.main = page.locator("main#main");
    this.navLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", {
      name: /^Approvals/,
    });
  }

  async goto() {
    await this.page.goto("/approvals");
    await expect(this.main.getByRole("heading", { level: 1 })).toHaveText("Approvals");
  }

  /** The card of the approval whose prompt is `prompt`. */
  card(prompt: string): Locator {
    return this.main.getByTestId("approval").filter({ hasText: prompt });
  }

  async decide(prompt: string, decision: "Approve" | "Reject", comment: string) {
    const card = this.card(prompt);
    await card.getByLabel("Comment").fill(comment);
    await card.getByRole("button", { name: decision, exact: true }).click();
    const done = decision === "Approve" ? "Approved: the run goes on." : "Rejected:";
    await expect(this.main.getByRole("status").filter({ hasText: done })).toBeVisible();
    await expect(this.card(prompt)).toHaveCount(0);
  }
}

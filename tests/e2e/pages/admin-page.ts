import { expect, type Locator, type Page } from "@playwright/test";

export const ADMIN_SECTIONS = [
  { slug: "users", name: "Users" },
  { slug: "models", name: "AI models" },
  { slug: "cache", name: "Response cache" },
  { slug: "budgets", name: "AI budgets" },
  { slug: "audit", name: "Audit log" },
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number]["slug"];

/** The admin area: one section per page (/admin/<section>) behind a side index of links. */
export class AdminPage {
  constructor(readonly page: Page) {}

  get index(): Locator {
    return this.page.getByRole("navigation", { name: "Admin sections" });
  }

  async goto(section: AdminSection): Promise<Locator> {
    await this.page.goto(`/admin/${section}`);
    return this.section(section);
  }

  section(slug: AdminSection): Locator {
    const { name } = ADMIN_SECTIONS.find((s) => s.slug === slug)!;
    return this.page.getByRole("region", { name, exact: true });
  }
}

/**
 * Checks a field shows the app's own error, not the browser's: its form skips native
 * validation, the field is aria-invalid and described by the visible, announced message.
 */
export async function expectFieldError(field: Locator, message: string): Promise<void> {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
  const ids = (await field.getAttribute("aria-describedby"))!.split(" ");
  const shown = field.page().locator(`[id="${ids[0]}"]`);
  await expect(shown).toHaveText(message);
  await expect(shown).toHaveRole("alert");
  await expect(shown).toBeVisible();
  expect(await field.evaluate((el) => (el as HTMLInputElement).form?.noValidate)).toBe(true);
}

export async function expectNoFieldError(field: Locator): Promise<void> {
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
  await expect
    .poll(async () => (await field.getAttribute("aria-describedby")) ?? "")
    .not.toMatch(/-error\b/);
}

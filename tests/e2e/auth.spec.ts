import { expect, test } from "@playwright/test";
import { ADMIN, AuthPages } from "./pages/auth-pages";

const password = "a long e2e passphrase";

test("a new user registers (and is signed in), signs out and in again, creates and revokes an API key, and signs out", async ({
  page,
  request,
}) => {
  const email = `member-${Date.now()}@example.com`;
  const auth = new AuthPages(page);

  // Anonymous visits go to the login page and come back after signing in.
  await page.goto("/account");
  await expect(page).toHaveURL("/login?next=%2Faccount");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL("/register?next=%2Faccount"); // where it was going is kept
  await auth.register(email, password, "E2E User", "/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL("/login");

  await auth.login(email, "a wrong passphrase here");
  await expect(page.locator("main").getByRole("alert")).toHaveText("Invalid email or password.");
  await auth.loginAndLand(email, password);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }),
  ).toHaveCount(0); // members don't see it

  // The session cookie is httpOnly: page scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("auth_token");
  const cookie = (await page.context().cookies()).find((c) => c.name === "auth_token")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

  await page.getByRole("link", { name: /Account & API keys/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account");
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await page.getByLabel("Key name").fill("My script");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = await page.getByTestId("new-api-key").textContent();
  expect(secret).toMatch(/^aios_/);
  await page.screenshot({ path: "test-results/screenshots/account.png", fullPage: true });

  // The key works from code…
  const me = await request.get("/api/auth/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).user.email).toBe(email);

  // …until it is revoked.
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Revoke My script" }).click();
  await expect(page.getByTestId("api-key-row").getByText("Revoked")).toBeVisible();
  expect(
    (
      await request.get("/api/auth/me", { headers: { authorization: `Bearer ${secret}` } })
    ).status(),
  ).toBe(401);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL("/login");
  await page.goto("/account");
  await expect(page).toHaveURL("/login?next=%2Faccount");
});

test.describe("as the admin", () => {
  test.use({ storageState: ADMIN.file });

  test("changes another user's role and sees it in the audit trail", async ({ page, browser }) => {
    const email = `promoted-${Date.now()}@example.com`;
    const other = await browser.newContext({ storageState: { cookies: [], origins: [] } }); // a stranger, not the admin
    await new AuthPages(await other.newPage()).register(email, password);
    await other.close();

    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Admin");
    await page.getByLabel("Search users").fill(email);
    const row = page.getByTestId(`user-row-${email}`);
    await expect(row).toBeVisible();
    await row.getByLabel(`Role of ${email}`).selectOption("viewer");
    await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("viewer");

    await page.goto("/admin/audit");
    const audit = page.getByTestId("audit-table");
    await page.getByLabel("Action").fill("user.role_change");
    await page.getByRole("button", { name: "Filter" }).click();
    const entry = audit.getByRole("row").filter({ hasText: email });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("user.role_change");
    await expect(entry).toContainText(ADMIN.email); // who did it
    await expect(entry).toContainText("before: member");
    await expect(entry).toContainText("after: viewer");
    await page.screenshot({ path: "test-results/screenshots/admin-audit.png", fullPage: true });
  });
});

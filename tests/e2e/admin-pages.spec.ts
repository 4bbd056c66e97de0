import { expect, test } from "@playwright/test";
import {
  ADMIN_SECTIONS,
  AdminPage,
  expectFieldError,
  expectNoFieldError,
} from "./pages/admin-page";
import { ADMIN, AuthPages } from "./pages/auth-pages";

test.use({ storageState: ADMIN.file });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

async function teammate(browser: import("@playwright/test").Browser, tag: string, name: string) {
  const email = `${tag}-${Date.now()}@example.com`;
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await new AuthPages(await context.newPage()).register(email, "a teammate passphrase, long", name);
  await context.close();
  return email;
}

test("admin: one section per page behind a side index of links, by keyboard and without JavaScript", async ({
  page,
  browser,
}) => {
  const admin = new AdminPage(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(admin.index.getByRole("link")).toHaveText(ADMIN_SECTIONS.map((s) => s.name));
  for (const { slug, name } of ADMIN_SECTIONS) {
    const link = admin.index.getByRole("link", { name, exact: true });
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/admin/${slug}$`));
    await expect(admin.section(slug)).toBeVisible();
    await expect(link).toHaveAttribute("aria-current", "page");
    for (const other of ADMIN_SECTIONS.filter((o) => o.slug !== slug))
      await expect(admin.section(other.slug)).toHaveCount(0); // one section per page
    await expect(page).toHaveTitle(new RegExp(`^${name} · Admin`));
  }

  const noScript = await browser.newContext({ storageState: ADMIN.file, javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto("/admin/models");
  await new AdminPage(plain).index.getByRole("link", { name: "Audit log" }).click();
  await expect(plain).toHaveURL(/\/admin\/audit$/);
  await expect(new AdminPage(plain).section("audit")).toBeVisible();
  await noScript.close();
});

test("admin: budgets name the user; a sub-cent cap is the app's inline error, and a resubmit clears stale ones", async ({
  page,
  browser,
}) => {
  const email = await teammate(browser, "budget", "Bea Budget");
  const budgets = await new AdminPage(page).goto("budgets");
  const form = budgets.getByRole("form", { name: "Add a budget" });
  const who = form.getByLabel("User email");
  const cap = form.getByLabel("Cap (USD)");
  const submit = form.getByRole("button", { name: "Set budget" });

  await who.fill("nobody-at-all@example.com");
  await cap.fill("0.001");
  await submit.click();
  // Both problems at once, in the app's words, focus on the first.
  await expectFieldError(cap, "Cap must be $0 (no AI use) or at least $0.01.");
  await expectFieldError(who, "User email does not belong to any user.");
  await expect(who).toBeFocused();

  await cap.fill("2.5");
  await submit.click();
  await expectNoFieldError(cap); // the stale message goes
  await expectFieldError(who, "User email does not belong to any user.");
  await expect(form.getByRole("alert")).toHaveCount(1);

  await who.fill(email);
  await submit.click();
  const row = budgets.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("Bea Budget");
  await expect(row).toContainText("$2.50");
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expectNoFieldError(who);
  // The id is still at hand, but the email is what the row is read by.
  await expect(row.getByTestId("budget-subject")).toHaveAttribute("title", UUID);
  await expect(row.getByRole("cell").first()).not.toHaveText(new RegExp(`^\\w+ ${UUID.source}$`));
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(row).toHaveCount(0);
});

test("admin: add a model to the catalogue, with inline field errors, then remove it", async ({
  page,
}) => {
  const models = await new AdminPage(page).goto("models");
  const form = models.getByRole("form", { name: "Add a model" });
  const id = form.getByLabel("Model id");
  const add = form.getByRole("button", { name: "Add model" });

  await add.click();
  await expectFieldError(id, "Model id is required.");
  await expect(id).toBeFocused();
  await expectFieldError(form.getByLabel("Input $ / M tokens"), "Input price is required.");
  await expectFieldError(form.getByLabel("Context window"), "Context window is required.");

  const model = `e2e-tiny-${Date.now()}`;
  await id.fill("gpt-4o-mini");
  await form.getByLabel("Input $ / M tokens").fill("0.1");
  await form.getByLabel("Output $ / M tokens").fill("0.2");
  await form.getByLabel("Context window").fill("100");
  await add.click();
  await expectFieldError(id, "Model id is already in the catalogue: change its row instead.");

  await id.fill(model);
  await add.click();
  // Ranges are the server's: its field error lands on the field too.
  await expectFieldError(
    form.getByLabel("Context window"),
    "Context window must be at least 256 tokens.",
  );
  await expectNoFieldError(id);

  await form.getByLabel("Context window").fill("32000");
  await form.getByLabel("Provider").selectOption("openai");
  await form.getByLabel("Tier").selectOption({ label: "economy" });
  await form.getByRole("checkbox", { name: "json" }).check();
  await form.getByRole("checkbox", { name: "Enabled (the router may use it)" }).uncheck();
  await add.click();
  const row = models.getByTestId(`model-row-${model}`);
  await expect(row).toContainText("custom");
  await expect(row.getByLabel(`${model} enabled`)).not.toBeChecked();
  await expect(id).toHaveValue("");
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(row).toHaveCount(0);
});

test("admin: Disable is a quiet button that asks first, in an accessible dialog", async ({
  page,
  browser,
}) => {
  const email = await teammate(browser, "dora", "Dora Disabled");
  const users = await new AdminPage(page).goto("users");
  await users.getByRole("searchbox", { name: "Search users" }).fill(email);
  const row = page.getByTestId(`user-row-${email}`);
  const disable = row.getByRole("button", { name: `Disable ${email}` });
  // Outlined, not a solid red block on every row.
  expect(await disable.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
    "rgb(255, 255, 255)",
  );

  await disable.click();
  const dialog = page.getByRole("dialog", { name: `Disable ${email}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("signed out at once");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(disable).toBeFocused();
  await expect(row).toContainText("Active");

  await disable.click();
  await dialog.getByRole("button", { name: "Disable user" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Disabled");
  await row.getByRole("button", { name: `Enable ${email}` }).click(); // undoing needs no dialog
  await expect(row).toContainText("Active");
});

test("admin: the audit log names actors and targets, with the ids at hand", async ({ page }) => {
  const audit = await new AdminPage(page).goto("audit");
  const filters = audit.getByRole("form", { name: "Filter audit log" });
  await filters.getByLabel("Actor").fill(ADMIN.email);
  await filters.getByLabel("Action").fill("auth.register");
  await filters.getByRole("button", { name: "Filter" }).click();
  const row = audit.getByTestId("audit-table").getByRole("row").nth(1);
  await expect(row).toContainText("auth.register");
  const [actor, target] = [row.getByTestId("audit-actor"), row.getByTestId("audit-target")];
  await expect(actor).toContainText("Ada Admin");
  await expect(actor).toContainText(ADMIN.email);
  await expect(actor).toHaveAttribute("title", UUID);
  await expect(target).toContainText(ADMIN.email);
  await expect(target).not.toContainText(/user [0-9a-f]{8}$/);
  await expect(target).toHaveAttribute("title", new RegExp(`user ${UUID.source}`));
});

test("admin and account at 390 px: the page never scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/admin", ...ADMIN_SECTIONS.map((s) => `/admin/${s.slug}`), "/account"]) {
    await page.goto(path);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `${path} is ${scrollWidth} px wide`).toBeLessThanOrEqual(innerWidth);
  }
});

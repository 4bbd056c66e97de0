import { expect, test } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";
import { ShellPage } from "./pages/shell-page";

test.use({ storageState: ADMIN.file });

const SECTIONS = [
  { label: "Chat", path: "/chat" },
  { label: "Projects", path: "/projects" },
  { label: "Workflows", path: "/workflows" },
  { label: "Approvals", path: "/approvals" },
  { label: "Analytics", path: "/analytics" },
  { label: "Admin", path: "/admin/users" }, // /admin opens its first section
];

test("the dashboard renders the shell and a healthy system status", async ({ page }) => {
  const shell = new ShellPage(page);
  const response = await shell.goto("/");
  expect(response?.status()).toBe(200);
  await expect(shell.heading).toHaveText("Dashboard");
  await expect(shell.nav.getByRole("link")).toHaveCount(7);
  await expect(shell.link("Dashboard")).toHaveAttribute("aria-current", "page");
  const status = page.getByTestId("system-status");
  await expect(status.getByTestId("status-database")).toContainText("Healthy");
  await expect(status.getByTestId("status-database")).toContainText("Embedded PostgreSQL (PGlite)");
  await page.screenshot({ path: "test-results/screenshots/dashboard.png", fullPage: true });
});

test("the sidebar reaches every section and marks the current one", async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.goto("/");
  for (const { label, path } of SECTIONS) {
    await shell.navigateTo(label);
    await expect(page).toHaveURL(path);
    await expect(shell.link(label)).toHaveAttribute("aria-current", "page");
    if (!["Admin", "Chat", "Projects", "Workflows", "Approvals"].includes(label))
      await expect(shell.main.getByText("Not available yet")).toBeVisible();
  }
  await page.screenshot({ path: "test-results/screenshots/admin.png", fullPage: true });
  await shell.navigateTo("Dashboard");
  await expect(page).toHaveURL("/");
});

test("is usable from the keyboard: skip link first, then the navigation", async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Tab"); // brand link
  await page.keyboard.press("Tab"); // Dashboard
  await page.keyboard.press("Tab"); // Chat
  await expect(shell.link("Chat")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/chat");
  await expect(shell.heading).toHaveText("Chat");
});

test("an unknown page is a 404 with the shell, a way back and the security headers", async ({
  page,
}) => {
  const shell = new ShellPage(page);
  const response = await shell.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(shell.heading).toHaveText("Page not found");
  const headers = response!.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  await page.screenshot({ path: "test-results/screenshots/not-found.png" });
  // Paths that merely start like an excluded asset still pass through proxy.ts.
  const lookalike = await page.request.get("/robots.txt.evil");
  expect(lookalike.status()).toBe(404);
  expect(lookalike.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await page.getByRole("link", { name: "Go to the dashboard" }).click();
  await expect(shell.heading).toHaveText("Dashboard");
});

test("GET /api/monitoring/health is green", async ({ request }) => {
  const res = await request.get("/api/monitoring/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({
    status: "ok",
    checks: {
      database: { status: "ok", driver: "pglite", latencyMs: expect.any(Number) },
      cache: { status: "ok", quarantined: 0, corruptEntries: 0 },
      ledger: { status: "ok", pending: 0, dropped: 0, quarantined: 0, spilled: 0 },
    },
  });
});

test("follows the system colour scheme", async ({ browser }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme, storageState: ADMIN.file });
    const page = await context.newPage();
    await page.goto("/");
    // The body's background as the browser paints it, averaged to one 0–255 brightness value.
    const brightness = await page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
      return (r! + g! + b!) / 3;
    });
    if (colorScheme === "light") expect(brightness).toBeGreaterThan(230);
    else expect(brightness).toBeLessThan(40);
    if (colorScheme === "dark")
      await page.screenshot({
        path: "test-results/screenshots/dashboard-dark.png",
        fullPage: true,
      });
    await context.close();
  }
});

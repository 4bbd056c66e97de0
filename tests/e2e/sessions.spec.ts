import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { AuthPages } from "./pages/auth-pages";

const password = "a long sessions passphrase";
const LAPTOP = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Gecko/20100101 Firefox/128.0";
const PHONE =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

/** One user signed in from two browsers (a laptop and a phone), each its own cookie jar. */
async function twoBrowsers(browser: Browser, javaScriptEnabled = true) {
  const email = `sessions-${Date.now()}@example.com`;
  const laptop = await browser.newContext({ userAgent: LAPTOP, javaScriptEnabled });
  const phone = await browser.newContext({ userAgent: PHONE, javaScriptEnabled });
  const laptopPage = await laptop.newPage();
  await new AuthPages(laptopPage).register(email, password);
  const phonePage = await phone.newPage();
  await new AuthPages(phonePage).loginAndLand(email, password);
  return { email, laptop, phone, laptopPage, phonePage };
}

const cookieOf = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === "auth_token")!.value;

test("the Account page lists both browsers and signs the other one out", async ({ browser }) => {
  const { laptop, phone, laptopPage: page, phonePage } = await twoBrowsers(browser);
  await page.goto("/account");
  const rows = page.getByTestId("session-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This browser" })).toContainText("Firefox on macOS");
  await expect(rows.filter({ hasText: "Chrome on Android" })).toContainText("Active");
  await page.screenshot({ path: "test-results/screenshots/account-sessions.png", fullPage: true });

  await page.getByRole("button", { name: "Sign out Chrome on Android" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "That session is signed out. It no longer works.",
  );
  await expect(rows).toHaveCount(1);
  // The phone is signed out at once: its next page load goes to the login page.
  await phonePage.goto("/account");
  await expect(phonePage).toHaveURL("/login?next=%2Faccount");
  await expect(page.getByTestId("user-email")).toBeVisible(); // the laptop goes on
  await laptop.close();
  await phone.close();
});

test("Sign out in the sidebar ends the session on the server: a copied cookie is dead", async ({
  browser,
  playwright,
}) => {
  const { laptop, phone, laptopPage: page } = await twoBrowsers(browser);
  const copied = await cookieOf(laptop);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL("/login");
  const thief = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { cookie: `auth_token=${copied}` },
  });
  expect((await thief.get("/api/auth/me")).status()).toBe(401);
  await thief.dispose();
  await laptop.close();
  await phone.close();
});

test.describe("with JavaScript off", () => {
  test("signing a session out, and this browser, are plain form posts", async ({ browser }) => {
    const { laptop, phone, laptopPage: page, phonePage } = await twoBrowsers(browser, false);
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out Chrome on Android" }).click();
    await expect(page).toHaveURL("/account?session=signed-out");
    await expect(page.getByTestId("session-row")).toHaveCount(1);
    await phonePage.goto("/projects");
    await expect(phonePage).toHaveURL("/login?next=%2Fprojects");

    await page.getByRole("button", { name: "Sign out this browser" }).click();
    await expect(page).toHaveURL("/login");
    await page.goto("/account");
    await expect(page).toHaveURL("/login?next=%2Faccount");
    await laptop.close();
    await phone.close();
  });
});

test("the sessions list at 390 px and in dark mode", async ({ browser }) => {
  const { laptop, phone } = await twoBrowsers(browser);
  const state = await laptop.storageState();
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({
      storageState: state,
      viewport: { width: 390, height: 844 },
      colorScheme,
      userAgent: LAPTOP,
    });
    const page = await context.newPage();
    await page.goto("/account");
    const list = page.getByRole("list", { name: "Signed-in sessions" });
    await list.scrollIntoViewIfNeeded();
    await expect(page.getByTestId("session-row")).toHaveCount(2);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.screenshot({
      path: `test-results/screenshots/account-sessions-390-${colorScheme}.png`,
      fullPage: true,
    });
    await context.close();
  }
  await laptop.close();
  await phone.close();
});

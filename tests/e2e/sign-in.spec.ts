import { expect, test, type Page, type Request } from "@playwright/test";
import { AuthPages } from "./pages/auth-pages";

const password = "a long sign-in passphrase";

/** Every request the page sends to `path`, to check how a form was submitted. */
function requestsTo(page: Page, path: string): Request[] {
  const seen: Request[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === path) seen.push(r);
  });
  return seen;
}

async function newAccount(page: Page, prefix: string): Promise<string> {
  const email = `${prefix}-${Date.now()}@example.com`;
  await new AuthPages(page).register(email, password);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL("/login");
  return email;
}

test("signing in from the login page lands on the dashboard without a reload", async ({ page }) => {
  const email = await newAccount(page, "lands");
  // The path everyone takes: open the app anonymously, get sent to /login, sign in.
  await page.goto("/");
  await expect(page).toHaveURL("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const loads: string[] = [];
  page.on("load", () => loads.push(page.url()));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  await expect(page.getByTestId("user-email")).toHaveText(email);
  expect(loads).toEqual([]); // landed by client navigation: no reload needed, none happened
});

test("signing in with ?next= lands on that page", async ({ page }) => {
  const email = await newAccount(page, "next");
  await page.goto("/account");
  await expect(page).toHaveURL("/login?next=%2Faccount");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
  await expect(page).toHaveURL("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account");
  await expect(page.getByTestId("user-email")).toHaveText(email);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("register, sign in and a wrong password all work as plain form posts", async ({ page }) => {
    const email = `nojs-${Date.now()}@example.com`;
    const registerPosts = requestsTo(page, "/register");
    await page.goto("/register?next=%2Fprojects");
    await page.getByLabel("Name").fill("No Script");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByLabel("Confirm password").fill("not the same passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    // The app's own message next to the field, the other values kept, the passwords not.
    await expect(page.getByText("Confirmation does not match the password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");

    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByLabel("Confirm password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    // Registered and signed in: the server-rendered page knows the new user.
    await expect(page).toHaveURL("/projects");
    await expect(page.getByTestId("user-email")).toHaveText(email);
    expect(registerPosts.map((r) => r.method())).toEqual(["GET", "POST", "POST"]);

    await page.context().clearCookies();
    const loginPosts = requestsTo(page, "/login");
    await page.goto("/login?next=%2Faccount");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a wrong passphrase here");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Invalid email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(email);
    expect(page.url()).not.toContain("passphrase");

    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/account");
    await expect(page.getByTestId("user-email")).toHaveText(email);
    expect(loginPosts.map((r) => r.method())).toEqual(["GET", "POST", "POST"]);
    for (const r of [...registerPosts, ...loginPosts]) expect(r.url()).not.toContain("passphrase");
  });

  test("an empty sign-in names the missing fields next to them", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Email is required.")).toBeVisible();
    await expect(page.getByText("Password is required.")).toBeVisible();
  });

  test("a plain HTML form posting to Auth.js's credentials endpoint works end to end", async ({
    page,
  }) => {
    const email = `plain-form-${Date.now()}@example.com`;
    const signup = await page.request.post("/api/auth/register", {
      data: { email, password, name: "Plain Form" },
    });
    expect(signup.status()).toBe(201);
    await page.context().clearCookies();
    // A form any site-owner could write by hand, served from the app's own origin, posting to
    // /api/auth/callback/credentials with Auth.js's CSRF token (cookie + field).
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    await page.route("**/plain-sign-in.html", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><form method="post" action="/api/auth/callback/credentials">
          <input type="hidden" name="csrfToken" value="${csrfToken}">
          <input type="hidden" name="callbackUrl" value="/projects">
          <label>Email <input name="email"></label>
          <label>Password <input name="password" type="password"></label>
          <button>Sign in here</button></form>`,
      }),
    );
    await page.goto("/plain-sign-in.html");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a wrong passphrase here");
    await page.getByRole("button", { name: "Sign in here" }).click();
    // Auth.js sends the browser to the login page, which says why in words.
    await expect(page).toHaveURL(/\/login\?error=CredentialsSignin&code=invalid_credentials$/);
    await expect(page.getByRole("alert")).toHaveText("Invalid email or password.");

    await page.goto("/plain-sign-in.html");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in here" }).click();
    await expect(page).toHaveURL("/projects");
    await expect(page.getByTestId("user-email")).toHaveText(email);
  });

  test("a form without Auth.js's CSRF token is sent back to sign in again", async ({ page }) => {
    await page.route("**/forged-sign-in.html", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><form method="post" action="/api/auth/callback/credentials">
          <input type="hidden" name="email" value="someone@example.com">
          <input type="hidden" name="password" value="whatever it is">
          <button>Go</button></form>`,
      }),
    );
    await page.goto("/forged-sign-in.html");
    await page.getByRole("button", { name: "Go" }).click();
    await expect(page).toHaveURL(/\/login\?error=MissingCSRF$/);
    await expect(page.getByRole("alert")).toHaveText(
      "The sign-in form expired. Please sign in again.",
    );
  });
});

import { expect, test } from "@playwright/test";
import { expectFieldError, expectNoFieldError } from "./pages/admin-page";
import { ADMIN } from "./pages/auth-pages";

test.use({ storageState: ADMIN.file });

// One way to report a wrong value everywhere (issue 11, point 12): the app's message next to the
// field, tied to it and announced — never the browser's bubble.

// Each page with the forms it must have; the project page also embeds the databases list,
// whose forms belong to the databases screens.
const FORMS: [path: string, forms: string[]][] = [
  ["/admin/models", ["Add a model"]],
  ["/admin/budgets", ["Add a budget"]],
  ["/admin/audit", ["Filter audit log"]],
  ["/account", ["Create API key", "Change password"]],
  ["/projects", ["New project"]],
];

test("the forms of the admin, account and project pages skip the browser's validation", async ({
  page,
  baseURL,
}) => {
  const { project } = await (
    await page.request.post("/api/projects", {
      data: { name: `Forms ${Date.now()}` },
      headers: { origin: new URL(baseURL!).origin },
    })
  ).json();
  for (const [path, names] of [
    ...FORMS,
    [`/projects/${project.id}`, ["Invite a member", "Delete this project"]] as const,
  ]) {
    await page.goto(path);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    for (const name of names) {
      const form = page.getByRole("form", { name });
      await expect(form).toBeVisible();
      expect(await form.evaluate((f) => (f as HTMLFormElement).noValidate), name).toBe(true);
    }
    if (!path.startsWith("/projects/")) {
      const native = await page
        .locator("main form")
        .evaluateAll((forms) =>
          forms
            .filter((f) => !(f as HTMLFormElement).noValidate)
            .map((f) => f.getAttribute("aria-label")),
        );
      expect(native, path).toEqual([]);
    }
  }
});

test("account: API key and password errors name their field, next to it", async ({ page }) => {
  await page.goto("/account");
  const key = page.getByRole("form", { name: "Create API key" });
  await key.getByRole("button", { name: "Create key" }).click();
  await expectFieldError(key.getByLabel("Key name"), "Key name is required.");
  await expect(key.getByLabel("Key name")).toBeFocused();
  await key.getByLabel("Key name").fill("e2e key");
  await key.getByLabel("Expires in (days)").fill("0");
  await key.getByRole("button", { name: "Create key" }).click();
  await expectFieldError(
    key.getByLabel("Expires in (days)"),
    "Expiry must be a whole number of days from 1 to 3650.",
  );
  await expectNoFieldError(key.getByLabel("Key name"));

  const password = page.getByRole("form", { name: "Change password" });
  await password.getByRole("button", { name: "Change password" }).click();
  await expectFieldError(password.getByLabel("Current password"), "Current password is required.");
  await expectFieldError(
    password.getByLabel("New password", { exact: true }),
    "New password is required.",
  );
  await password.getByLabel("Current password").fill("not my password at all");
  await password.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await password.getByLabel("Confirm new password").fill("a brand new passphrase");
  await password.getByRole("button", { name: "Change password" }).click();
  await expectFieldError(
    password.getByLabel("Current password"),
    "Current password is not your current password.",
  );
  await expectNoFieldError(password.getByLabel("New password", { exact: true }));
});

test("projects and documents: a missing name or a bad email is said at the field", async ({
  page,
}) => {
  await page.goto("/projects");
  const create = page.getByRole("form", { name: "New project" });
  await create.getByRole("button", { name: "Create project" }).click();
  await expectFieldError(create.getByLabel("Name"), "Name is required.");
  await expect(create.getByLabel("Name")).toBeFocused();
  const name = `Validation ${Date.now()}`;
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create project" }).click();
  await expectNoFieldError(create.getByLabel("Name"));
  await page.getByRole("link", { name: new RegExp(name) }).click();

  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email of an existing user").fill("not-an-email");
  await invite.getByRole("button", { name: "Invite" }).click();
  await expectFieldError(
    invite.getByLabel("Email of an existing user"),
    "Email must be an email address.",
  );

  await page.getByRole("button", { name: "Edit details" }).click();
  const details = page.getByRole("form", { name: "Project details" });
  await details.getByLabel("Name", { exact: true }).fill("  ");
  await details.getByRole("button", { name: "Save" }).click();
  await expectFieldError(details.getByLabel("Name", { exact: true }), "Name is required.");
  await details.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "New document" }).click();
  await expect(page.getByTestId("save-state")).toHaveText(/Saved · version 1/);
  const title = page.getByLabel("Title");
  await title.fill("");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription("Title is required; the last title is kept.");
  await title.fill("Back to a title");
  await expect(title).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("save-state")).toHaveText(/Saved · version 2/);
});

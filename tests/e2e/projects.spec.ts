import { expect, test } from "@playwright/test";
import { ADMIN, AuthPages } from "./pages/auth-pages";

test.use({ storageState: ADMIN.file });

test("projects: create, invite a viewer who can read but not edit, rename, archive and delete with confirmation", async ({
  page,
  browser,
}) => {
  // A teammate with an account of their own.
  const viewerEmail = `viewer-${Date.now()}@example.com`;
  const viewerContext = await browser.newContext({ storageState: undefined });
  const viewerPage = await viewerContext.newPage();
  const viewerAuth = new AuthPages(viewerPage);
  await viewerAuth.register(viewerEmail, "a viewer passphrase that is long");

  await page.goto("/projects");
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  const form = page.getByRole("form", { name: "New project" });
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(form.getByLabel("Name")).toBeFocused(); // required field stops the empty submit
  const name = `Apollo ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Description").fill("Moon landing plans");
  await form.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("you are owner")).toBeVisible();

  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email of an existing user").fill("nobody-here@example.com");
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText(
    "not the email of an active user",
  );
  await invite.getByLabel("Email of an existing user").fill(viewerEmail);
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByTestId(`member-${viewerEmail}`)).toContainText("viewer");
  await page.screenshot({ path: "test-results/screenshots/project.png", fullPage: true });

  // A document that autosaves and survives a reload.
  await page.getByRole("button", { name: "New document" }).click();
  await expect(page.getByTestId("save-state")).toHaveText(/Saved · version 1/);
  await page.getByLabel("Title").fill("Launch plan");
  const body = page.getByRole("textbox", { name: "Document body" });
  await body.click();
  await page.getByRole("button", { name: "Heading" }).click();
  await expect(body).toBeFocused();
  await expect(page.getByRole("button", { name: "Heading" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await page.keyboard.type("Countdown");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Liftoff at dawn, weather permitting.");
  await expect(page.getByTestId("save-state")).toHaveText(/Saved · version [2-9]/);
  await page.reload();
  await expect(page.getByLabel("Title")).toHaveValue("Launch plan");
  await expect(body.locator("h2")).toHaveText("Countdown");
  await expect(body).toContainText("Liftoff at dawn, weather permitting.");
  await page.screenshot({ path: "test-results/screenshots/document.png", fullPage: true });
  const docUrl = page.url();
  await page.getByRole("link", { name: "← Project" }).click();
  await page.getByRole("searchbox", { name: "Search documents" }).fill("liftoff");
  await expect(page.getByRole("list", { name: "Documents" })).toContainText("Launch plan");

  // The viewer (signed in since registering) sees the project and its members, and nothing to edit.
  await viewerPage.goto("/projects");
  await viewerPage.getByRole("link", { name: new RegExp(name) }).click();
  await expect(viewerPage.getByText("you are viewer")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Edit details" })).toHaveCount(0);
  await expect(viewerPage.getByRole("form", { name: "Invite a member" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Delete project" })).toHaveCount(0);
  // The document is readable, not editable.
  await viewerPage.goto(docUrl);
  await expect(viewerPage.getByText("Read only (viewer)")).toBeVisible();
  await expect(viewerPage.getByRole("textbox", { name: "Document body" })).toHaveAttribute(
    "contenteditable",
    "false",
  );
  await expect(viewerPage.getByRole("textbox", { name: "Document body" })).toContainText(
    "Liftoff at dawn",
  );
  await expect(viewerPage.getByRole("toolbar", { name: "Formatting" })).toHaveCount(0);
  await viewerPage.goBack();
  // …and the API refuses a write from them too.
  const projectId = viewerPage.url().split("/").pop()!;
  const refused = await viewerPage.request.patch(`/api/projects/${projectId}`, {
    data: { name: "Hijacked" },
    headers: { origin: new URL(viewerPage.url()).origin },
  });
  expect(refused.status()).toBe(403);
  await viewerContext.close();

  // A chat filed under the project shows it in the conversation list.
  await page.goto("/chat");
  await page.getByLabel("Project", { exact: true }).selectOption({ label: name });
  await page.getByLabel("Message", { exact: true }).fill("A question for the project");
  await page.getByLabel("Message", { exact: true }).press("Enter");
  await expect(
    page
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("button", { name: /^A question for the project/ }),
  ).toContainText(name);
  await page.goto(`/projects/${projectId}`);

  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel("Name", { exact: true }).fill(`${name} II`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} II`);
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText("archived", { exact: true })).toBeVisible();

  const del = page.getByRole("button", { name: "Delete project" });
  await expect(del).toBeDisabled();
  await page.getByLabel("Project name").fill(`${name} II`);
  await del.click();
  await expect(page).toHaveURL("/projects");
  await page.getByRole("button", { name: "All" }).click();
  await expect(page.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
});

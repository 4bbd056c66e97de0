import { expect, test } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";

test.use({ storageState: ADMIN.file });

test("an archived project offers no new document, database or invitation, and opens read-only", async ({
  page,
  baseURL,
}) => {
  const headers = { origin: baseURL! };
  const made = await page.request.post("/api/projects", {
    data: { name: `Archive me ${Date.now()}` },
    headers,
  });
  const { project } = await made.json();
  const doc = await page.request.post(`/api/projects/${project.id}/documents`, {
    data: { title: "Minutes" },
    headers,
  });
  expect(doc.status()).toBe(201);
  await page.request.post(`/api/projects/${project.id}/databases`, {
    data: { name: "Ledger" },
    headers,
  });

  await page.goto(`/projects/${project.id}`);
  await expect(page.getByRole("button", { name: "New document" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create database" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Invite a member" })).toBeVisible();

  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByTestId("archived-notice")).toContainText("read-only");
  await expect(page.getByRole("button", { name: "Restore" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New document" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create database" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Invite a member" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit details" })).toHaveCount(0);
  // What is in it stays readable.
  await expect(page.getByRole("list", { name: "Documents" })).toContainText("Minutes");
  await expect(page.getByRole("list", { name: "Databases" })).toContainText("Ledger");
  await page.screenshot({ path: "test-results/screenshots/project-archived.png", fullPage: true });

  // Its document opens read-only, and the API refuses a write as well.
  await page.getByRole("link", { name: /Minutes/ }).click();
  await expect(page.getByText("Read only (archived)")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Document body" })).toHaveAttribute(
    "contenteditable",
    "false",
  );
  const refused = await page.request.post(`/api/projects/${project.id}/documents`, {
    data: { title: "Sneaky" },
    headers,
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toBe(
    "This project is archived; restore it to change it.",
  );

  // Restored, it offers everything again.
  await page.getByRole("link", { name: "← Project" }).click();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("archived-notice")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New document" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Invite a member" })).toBeVisible();
});

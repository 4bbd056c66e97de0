import { expect, test } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";
import { ChatPage } from "./pages/chat-page";

test.use({ storageState: ADMIN.file });

test("admin: disable a model in the catalogue (routing moves on), clear the cache, cap a budget", async ({
  page,
}) => {
  page.on("dialog", (d) => void d.accept());
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("Write a python function that adds two numbers");
  await expect(chat.lastAnswer().getByTestId("route-badge")).toContainText("code");
  // Leave only once the answer has finished (its timing shows), or the page change cancels it
  // and nothing is cached.
  await expect(chat.lastAnswer().getByTestId("route-badge")).toContainText(/first token \d+ ms/);

  await page.goto("/admin/models");
  const models = page.getByTestId("models-table");
  const mini = models.getByTestId("model-row-gpt-4o-mini");
  await mini.getByLabel("gpt-4o-mini enabled").uncheck();
  await mini.getByRole("button", { name: "Save" }).click();
  await expect(mini).toContainText("edited");
  await expect(models.getByTestId("model-row-gemini-1.5-pro")).toContainText("no key");

  await chat.goto();
  await chat.ask("Hello after the catalogue edit");
  await expect(chat.lastAnswer().getByTestId("route-badge")).toContainText(
    "claude-3-5-haiku-latest",
  );
  await expect(chat.lastAnswer().getByTestId("route-badge")).toContainText(/first token \d+ ms/);

  await page.goto("/admin/models");
  await mini.getByRole("button", { name: "Reset" }).click();
  await expect(mini).not.toContainText("edited");
  await expect(mini.getByLabel("gpt-4o-mini enabled")).toBeChecked();

  await page.goto("/admin/cache");
  const cacheSection = page.getByRole("region", { name: "Response cache" });
  await expect(cacheSection.getByTestId("cache-by-task")).toContainText("code");
  await page.screenshot({ path: "test-results/screenshots/admin-ai.png", fullPage: true });
  await cacheSection.getByRole("button", { name: "Clear cache" }).click();
  await expect(cacheSection.getByRole("status")).toContainText(/\d+ entr(y|ies) removed/);
  await expect(cacheSection.getByTestId("cache-by-task")).not.toContainText(/code\s*[1-9]/);

  await page.goto("/admin/budgets");
  const budgets = page.getByRole("region", { name: "AI budgets" });
  await budgets.getByLabel("User email").fill(ADMIN.email);
  await budgets.getByLabel("Cap (USD)").fill("0");
  await budgets.getByRole("button", { name: "Set budget" }).click();
  await expect(budgets.getByRole("cell", { name: "$0.00" })).toBeVisible();

  await chat.goto();
  await chat.ask("Am I over budget?");
  await expect(page.locator("main").getByRole("alert")).toContainText(
    "daily AI budget of $0.00 is used up",
  );

  await page.goto("/admin/budgets");
  await budgets.getByRole("button", { name: "Remove" }).click();
  await expect(budgets).toContainText("No caps");
});

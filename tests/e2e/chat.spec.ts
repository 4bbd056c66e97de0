import { expect, test } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";
import { ChatPage } from "./pages/chat-page";

test.use({ storageState: ADMIN.file });

test("chat: streamed answer with its routing badge, markdown, a cache hit on the repeat, and a conversation that survives reload", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await expect(page.getByRole("heading", { name: "Ask anything" })).toBeVisible();
  await expect(chat.taskPicker).toHaveValue("auto");
  await expect(chat.modelPicker).toHaveValue("auto");

  const question = "What is the **boiling point** of water at sea level?";
  await chat.ask(question);
  const first = chat.lastAnswer();
  await expect(first).toContainText("echo: What is the boiling point of water at sea level?");
  await expect(first.locator("strong")).toHaveText("boiling point"); // markdown rendered
  const badge = first.getByTestId("route-badge");
  await expect(badge).toContainText("chat");
  await expect(badge).toContainText("gpt-4o-mini");
  await expect(badge).toContainText(/\d+ ms · first token \d+ ms/);
  await expect(badge).not.toContainText("cached");
  await expect(page).toHaveURL(/\/chat\?c=[0-9a-f-]{36}$/);
  await expect(
    chat.conversations.getByRole("button", { name: /^What is the \*\*boiling point\*\*/ }),
  ).toBeVisible();

  // The same question in a fresh conversation (same prompt, same route) is served from the cache.
  await page.getByRole("button", { name: "+ New chat" }).click();
  await expect(page.getByRole("heading", { name: "Ask anything" })).toBeVisible();
  await chat.ask(question);
  await expect(chat.answers()).toHaveCount(1);
  const hit = chat.lastAnswer().getByTestId("route-badge");
  await expect(hit).toContainText("cached");
  await expect(hit).toContainText("$0");
  await page.screenshot({ path: "test-results/screenshots/chat.png", fullPage: true });

  await page.reload();
  await expect(chat.answers()).toHaveCount(1);
  await expect(chat.lastAnswer()).toContainText(
    "echo: What is the boiling point of water at sea level?",
  );
  await expect(chat.lastAnswer().getByTestId("route-badge")).toContainText("cached");
  await expect(
    chat.conversations.getByRole("button", { name: /^What is the \*\*boiling point\*\*/ }),
  ).toHaveCount(2);
});

test("chat: code goes to the code model, the stop button ends a long answer, and retry uses a stronger model", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask("Write a python function that reverses a string");
  await expect(chat.lastAnswer().getByTestId("route-badge")).toContainText("code");
  await expect(chat.lastAnswer().getByTestId("route-badge")).toContainText(
    "claude-3-5-sonnet-latest",
  );

  await chat.page.getByRole("button", { name: "+ New chat" }).click();
  await chat.taskPicker.selectOption("chat");
  await chat.ask("Tell me a long story about routers");
  await expect(chat.stop).toBeVisible();
  await expect(chat.messages).toContainText("Sentence 3 of a long story");
  await chat.stop.click();
  await expect(chat.messages).toContainText("Stopped.");
  await expect(chat.send).toBeVisible();
  await expect(chat.messages).not.toContainText("Sentence 120 of a long story");

  await chat.ask("Short question now");
  await expect(chat.lastAnswer()).toContainText("echo: Short question now");
  await expect(chat.answers()).toHaveCount(2); // the stopped one and this one
  await chat.page.getByRole("button", { name: /Retry with/ }).click();
  await expect(chat.answers()).toHaveCount(3);
  await expect(chat.lastAnswer().getByTestId("route-badge")).not.toContainText("gpt-4o-mini");
  await expect(chat.lastAnswer()).toContainText("echo: Short question now");
  await page.screenshot({ path: "test-results/screenshots/chat-stop-retry.png", fullPage: true });
});

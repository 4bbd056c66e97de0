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

  // Its own question each run (the cache remembers answers across runs of one server).
  const asked = `What is the **boiling point** of water at sea level? (run ${Date.now()})`;
  const echoed = asked.replace(/\*\*/g, "");
  await chat.ask(asked);
  const first = chat.lastAnswer();
  await expect(first).toContainText(`echo: ${echoed}`);
  await expect(first.locator("strong")).toHaveText("boiling point"); // markdown rendered
  const badge = first.getByTestId("route-badge");
  await expect(badge).toContainText("chat");
  await expect(badge).toContainText("gpt-4o-mini");
  await expect(badge).toContainText(/\d+ ms · first token \d+ ms/);
  await expect(badge).not.toContainText("cached");
  await expect(page).toHaveURL(/\/chat\?c=[0-9a-f-]{36}$/);
  await expect(chat.conversation(asked)).toBeVisible();

  // The same question in a fresh conversation (same prompt, same route) is served from the cache.
  await page.getByRole("button", { name: "+ New chat" }).click();
  await expect(page.getByRole("heading", { name: "Ask anything" })).toBeVisible();
  await chat.ask(asked);
  await expect(chat.answers()).toHaveCount(1);
  const hit = chat.lastAnswer().getByTestId("route-badge");
  await expect(hit).toContainText("cached");
  await expect(hit).toContainText("$0");
  await page.screenshot({ path: "test-results/screenshots/chat.png", fullPage: true });

  await page.reload();
  await expect(chat.answers()).toHaveCount(1);
  await expect(chat.lastAnswer()).toContainText(`echo: ${echoed}`);
  await expect(chat.lastAnswer().getByTestId("route-badge")).toContainText("cached");
  await expect(chat.conversation(asked)).toHaveCount(2);
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
  // Stopped means stored: a reload right away shows the answer so far, with its badge, after
  // its question.
  await page.reload();
  await expect(chat.messages.locator("li")).toHaveText([
    "Tell me a long story about routers",
    /^Sentence 1 of a long story.*Sentence 3 of a long story.*Stopped\..*gpt-4o-mini/s,
  ]);
  await expect(chat.lastAnswer().getByTestId("route-badge")).toContainText("chat");

  await chat.ask("Short question now");
  await expect(chat.lastAnswer()).toContainText("echo: Short question now");
  await expect(chat.answers()).toHaveCount(2); // the stopped one and this one
  const retry = chat.page.getByRole("button", { name: /^Retry with / });
  const strongest = (await retry.textContent())!.replace(/^Retry with /, "");
  await retry.click();
  await expect(chat.answers()).toHaveCount(3);
  await expect(chat.lastAnswer().getByTestId("route-badge")).not.toContainText("gpt-4o-mini");
  await expect(chat.lastAnswer()).toContainText("echo: Short question now");
  // The second answer says it is a retry, and with which model, also after a reload.
  await expect(chat.lastAnswer().getByText(`Retried with ${strongest}`)).toBeVisible();
  await expect(
    chat
      .answers()
      .nth(1)
      .getByText(/^Retried with/),
  ).toHaveCount(0);
  await page.reload();
  await expect(chat.answers()).toHaveCount(3);
  await expect(chat.lastAnswer().getByText(`Retried with ${strongest}`)).toBeVisible();
  // Each answer in its place: the stopped one under its question, then the short one and its retry.
  await expect(chat.messages.locator("li")).toHaveText([
    "Tell me a long story about routers",
    /^Sentence 1 of a long story.*Stopped\./s,
    "Short question now",
    /^echo: Short question now/,
    new RegExp(`^↻Retried with ${strongest.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}echo: Short`),
  ]);
  await page.screenshot({ path: "test-results/screenshots/chat-stop-retry.png", fullPage: true });
});

test("chat: an answer stopped before its first token stays in the same conversation as the next question", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  const tag = `Early stop ${Date.now()}`;
  await chat.ask(`${tag} [slow first token]`);
  await expect(chat.stop).toBeVisible();
  // The server has stored the question and waits on the provider's first token: stop now.
  await expect
    .poll(async () => {
      const res = await page.request.get("/api/conversations");
      const { conversations } = (await res.json()) as { conversations: { title: string }[] };
      return conversations.filter((c) => c.title.startsWith(tag)).length;
    })
    .toBe(1);
  await chat.stop.click();
  await expect(chat.messages).toContainText("Stopped.");
  await expect(chat.send).toBeVisible();

  await chat.ask("And the follow-up");
  await expect(chat.lastAnswer()).toContainText("echo: And the follow-up");
  // Both questions stay on screen, each once, in one thread.
  await expect(chat.messages.getByText(`${tag} [slow first token]`)).toHaveCount(1);
  await expect(chat.messages.getByText("And the follow-up", { exact: true })).toHaveCount(1);
  await expect(page).toHaveURL(/\/chat\?c=[0-9a-f-]{36}$/);
  const entry = chat.conversation(tag);
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute("aria-current", "page");

  const res = await page.request.get("/api/conversations");
  const { conversations } = (await res.json()) as { conversations: { title: string }[] };
  expect(conversations.filter((c) => c.title.startsWith(tag))).toHaveLength(1);
  await page.reload();
  await expect(chat.messages).toContainText(`${tag} [slow first token]`);
  await expect(chat.messages).toContainText("And the follow-up");
  await expect(chat.lastAnswer()).toContainText("echo: And the follow-up");
});

test("chat: the routing badge opens with the keyboard, names the model that failed before the fallback, and the pickers survive a reload", async ({
  page,
}) => {
  const chat = new ChatPage(page);
  await chat.goto();
  await chat.ask(`Hello there ${Date.now()} [gpt-4o-mini fails]`);
  const badge = chat.lastAnswer().getByTestId("route-badge");
  await expect(badge).toContainText("claude-3-5-haiku-latest");
  await expect(badge).toContainText("gpt-4o-mini failed");

  const details = badge.getByRole("button", { name: /Routing details/ });
  await expect(details).toHaveAttribute("aria-expanded", "false");
  await details.focus();
  await page.keyboard.press("Enter");
  await expect(details).toHaveAttribute("aria-expanded", "true");
  const panel = chat.lastAnswer().getByRole("region", { name: "Routing details" });
  await expect(panel).toContainText("Why this model");
  await expect(panel).toContainText(/gpt-4o-mini.*does not know this model/);
  await page.keyboard.press("Space");
  await expect(details).toHaveAttribute("aria-expanded", "false");
  await expect(panel).toBeHidden();

  await chat.modelPicker.selectOption("claude-3-5-sonnet-latest");
  await chat.taskPicker.selectOption("code");
  await page.reload();
  await expect(chat.input).toBeEnabled();
  await expect(chat.modelPicker).toHaveValue("claude-3-5-sonnet-latest");
  await expect(chat.taskPicker).toHaveValue("code");
});

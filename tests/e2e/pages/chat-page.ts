import { expect, type Locator, type Page } from "@playwright/test";

/** The chat page: conversation list, the thread, and the composer with its pickers. */
export class ChatPage {
  readonly input: Locator;
  readonly send: Locator;
  readonly stop: Locator;
  readonly messages: Locator;
  readonly conversations: Locator;
  readonly taskPicker: Locator;
  readonly modelPicker: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByLabel("Message", { exact: true });
    this.send = page.getByRole("button", { name: "Send" });
    this.stop = page.getByRole("button", { name: "Stop" });
    this.messages = page.getByRole("list", { name: "Messages" });
    this.conversations = page.getByRole("navigation", { name: "Conversations" });
    this.taskPicker = page.getByLabel("Task type");
    this.modelPicker = page.getByLabel("Model", { exact: true });
  }

  async goto() {
    await this.page.goto("/chat");
    await expect(this.page.getByRole("heading", { level: 1, name: "Chat" })).toBeVisible();
    await expect(this.input).toBeEnabled();
  }

  /** Types and sends with the keyboard (Enter). */
  async ask(text: string) {
    await this.input.fill(text);
    await this.input.press("Enter");
  }

  answers(): Locator {
    return this.messages.locator("li").filter({ has: this.page.getByTestId("route-badge") });
  }

  lastAnswer(): Locator {
    return this.answers().last();
  }
}

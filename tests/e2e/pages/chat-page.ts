import { expect, type Locator, type Page } from "@playwright/test";

/** The chat page: conversation list, the thread, and the composer with its pickers. */
export class ChatPage {
  readonly input: Locator;
  readonly send: Locator;
  readonly stop: Locator;
  readonly messages: Locator;
  readonly conversations: Locator;
  /** The small-screen button that shows and hides the conversation list. */
  readonly listToggle: Locator;
  readonly composer: Locator;
  readonly taskPicker: Locator;
  readonly modelPicker: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByLabel("Message", { exact: true });
    this.send = page.getByRole("button", { name: "Send" });
    // Exact: a conversation's entry may have "stop" in its title.
    this.stop = page.getByRole("button", { name: "Stop", exact: true });
    this.messages = page.getByRole("list", { name: "Messages" });
    this.conversations = page.getByRole("navigation", { name: "Conversations" });
    this.listToggle = this.conversations.getByRole("button", { name: /^Conversations/ });
    this.composer = this.input.locator("xpath=ancestor::form");
    this.taskPicker = page.getByLabel("Task type");
    this.modelPicker = page.getByLabel("Model", { exact: true });
  }

  async goto(path = "/chat") {
    await this.page.goto(path);
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

  /** The conversation's entry in the list, by the start of its title. */
  conversation(titleStart: string): Locator {
    const escaped = titleStart.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return this.conversations.getByRole("button", { name: new RegExp(`^${escaped}`) });
  }

  /** Creates a conversation through the API (answers not streamed, so it is quick); returns its id. */
  async seed(questions: string[]): Promise<string> {
    let id: string | undefined;
    if (this.page.url() === "about:blank") await this.goto();
    const origin = new URL(this.page.url()).origin; // the API refuses a POST from another origin
    for (const content of questions) {
      const res = await this.page.request.post("/api/ai/chat", {
        data: { content, ...(id ? { conversationId: id } : {}) },
        headers: { origin },
      });
      expect(res.status(), await res.text()).toBe(200);
      id = ((await res.json()) as { conversation: { id: string } }).conversation.id;
    }
    return id!;
  }

  /** The page's width against the window's: nothing may push it sideways. */
  async horizontalOverflow(): Promise<{ scrollWidth: number; innerWidth: number }> {
    return this.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
  }
}

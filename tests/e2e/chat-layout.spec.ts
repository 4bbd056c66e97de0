import { expect, test, type Locator } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";
import { ChatPage } from "./pages/chat-page";

test.use({ storageState: ADMIN.file });

/** A question long enough that a few turns fill more than the window. */
const longQuestion = (n: number) =>
  `Turn ${n}: ${Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ")}`;
/** One unbroken "word" (a URL-like token) far wider than any screen. */
const LONG_WORD = `https://example.com/${"averyveryverylongsegment".repeat(120)}`;

/** `inner` lies inside the window and ends above the composer (nothing hidden behind it). */
async function expectAboveComposer(chat: ChatPage, inner: Locator) {
  await expect(inner).toBeInViewport({ ratio: 1 });
  const box = (await inner.boundingBox())!;
  const composer = (await chat.composer.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(composer.y);
}

test.describe("chat layout at 1280 px", () => {
  test("an opened conversation shows its newest answer above the composer, in a page no taller than the window", async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    const id = await chat.seed([1, 2, 3, 4, 5, 6].map(longQuestion));
    await chat.goto(`/chat?c=${id}`);
    await expect(chat.answers()).toHaveCount(6);
    await expect(chat.lastAnswer()).toContainText("echo: Turn 6:");
    await expectAboveComposer(chat, chat.lastAnswer());
    await expect(chat.composer).toBeInViewport({ ratio: 1 });
    const height = await page.evaluate(() => ({
      scroll: document.documentElement.scrollHeight,
      inner: window.innerHeight,
    }));
    expect(height.scroll).toBeLessThanOrEqual(height.inner);
    // The thread scrolls on its own: the first turn is above, out of sight until scrolled to.
    await expect(chat.messages.getByText("Turn 1:").first()).not.toBeInViewport();
  });

  test("the newest answer stays above the composer when the models arrive after the messages", async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    const id = await chat.seed([1, 2, 3, 4, 5].map(longQuestion));
    // The models (and with them the offer to retry with a stronger one) come late and grow the thread.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/api/ai/models", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/chat?c=${id}`); // (not chat.goto: that waits for the composer, so for the models)
    await expect(chat.lastAnswer()).toContainText("echo: Turn 5:");
    await expectAboveComposer(chat, chat.lastAnswer());
    release();
    await expect(chat.lastAnswer().getByRole("button", { name: /^Retry with / })).toBeVisible();
    await expectAboveComposer(chat, chat.lastAnswer());
  });

  test("the project picker of a new chat and an error are on screen above the composer", async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    const made = await page.request.post("/api/projects", {
      data: { name: "Filed chats" },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(made.status()).toBe(201);
    await chat.goto();
    const picker = page.getByLabel("Project", { exact: true });
    await expectAboveComposer(chat, picker);

    await chat.goto("/chat?c=00000000-0000-4000-8000-000000000000");
    const alert = page.getByRole("alert").filter({ hasText: "Conversation not found." });
    await expectAboveComposer(chat, alert);
  });

  test("a long unbroken word wraps inside its bubble and the list instead of widening the page", async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    await chat.goto();
    await chat.ask(LONG_WORD);
    await expect(chat.lastAnswer()).toContainText("echo: https://example.com/");
    await expect(chat.conversation("https://example.com/")).toBeVisible();
    const { scrollWidth, innerWidth } = await chat.horizontalOverflow();
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    for (const bubble of [chat.messages.locator("li").first(), chat.lastAnswer()]) {
      const box = (await bubble.boundingBox())!;
      const thread = (await chat.messages.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(thread.x + thread.width + 0.5);
    }
  });
});

test.describe("chat at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the conversation list folds behind a toggle, a long word does not push the page sideways, and the routing details open with a tap", async ({
    page,
  }) => {
    const chat = new ChatPage(page);
    const tag = `Mobile ${Date.now()}`;
    await chat.seed([`${tag} first`]);
    const id = await chat.seed([`${tag} ${LONG_WORD}`, "And a second turn"]);
    await chat.goto();

    // Folded: the composer is reachable and no conversation sits above it.
    await expect(chat.listToggle).toHaveAttribute("aria-expanded", "false");
    await expect(chat.conversation(`${tag} first`)).toBeHidden();
    await expect(chat.input).toBeInViewport();

    await chat.listToggle.tap();
    await expect(chat.listToggle).toHaveAttribute("aria-expanded", "true");
    await expect(chat.conversation(`${tag} first`)).toBeVisible();
    await chat.conversation(`${tag} https://`).tap();
    await expect(page).toHaveURL(`/chat?c=${id}`);
    await expect(chat.listToggle).toHaveAttribute("aria-expanded", "false");
    await expect(chat.answers()).toHaveCount(2);
    await expect(chat.lastAnswer()).toContainText("echo: And a second turn");
    await expectAboveComposer(chat, chat.lastAnswer());

    const { scrollWidth, innerWidth } = await chat.horizontalOverflow();
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);

    const details = chat.lastAnswer().getByRole("button", { name: /Routing details/ });
    await expect(details).toHaveAttribute("aria-expanded", "false");
    await details.tap();
    await expect(details).toHaveAttribute("aria-expanded", "true");
    await expect(chat.lastAnswer().getByText(/Why this model/)).toBeVisible();
  });
});

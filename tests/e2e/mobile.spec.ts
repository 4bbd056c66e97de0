import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN } from "./pages/auth-pages";
import { ShellPage } from "./pages/shell-page";

// A phone: every page fits 390 px without sideways scrolling, and the Menu drawer reaches
// every section.
test.use({ storageState: ADMIN.file, viewport: { width: 390, height: 844 } });

interface Ids {
  project: string;
  document: string;
  database: string;
  conversation: string;
}
let ids: Ids | undefined;

/** A project with a document and a database of a few records, made through the API. */
async function fixtures(request: APIRequestContext, baseURL: string): Promise<Ids> {
  const headers = { origin: baseURL };
  const post = async <T>(path: string, data: unknown): Promise<T> => {
    const res = await request.post(path, { data, headers });
    expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return res.json() as Promise<T>;
  };
  const { project } = await post<{ project: { id: string } }>("/api/projects", {
    name: `Phone check ${Date.now()}`,
    description:
      "A project to check the 390 px layout, with one long word: Donaudampfschifffahrtsgesellschaftskapitänswitwe.",
  });
  const { document } = await post<{ document: { id: string } }>(
    `/api/projects/${project.id}/documents`,
    { title: "Field notes from a small screen" },
  );
  const { database } = await post<{ database: { id: string; fields: { id: string }[] } }>(
    `/api/projects/${project.id}/databases`,
    {
      name: "Inventory",
      fields: [
        { name: "Item", type: "text", required: true },
        { name: "Quantity", type: "number" },
        { name: "Due", type: "date" },
        { name: "Packed", type: "boolean" },
        { name: "Notes", type: "text" },
      ],
    },
  );
  const [item, qty, due, packed, notes] = database.fields.map((f) => f.id);
  for (const [i, name] of ["Tent", "Stove", "Lantern"].entries())
    await post(`/api/projects/${project.id}/databases/${database.id}/records`, {
      data: {
        [item!]: name,
        [qty!]: i + 1,
        [due!]: "2026-07-01",
        [packed!]: i % 2 === 0,
        [notes!]: "Check before leaving",
      },
    });
  // The account page lists keys in a table: have one, as a real account does.
  await post("/api/keys", { name: "Phone key", scopes: ["read"] });
  // A conversation whose question (and so its title and the echoed answer) holds a long URL.
  const { conversation } = await post<{ conversation: { id: string } }>("/api/ai/chat", {
    content:
      "Summarise https://example.com/a/very/long/path/that/never/breaks/on/its/own/because/it/has/no/spaces/anywhere?query=and-some-more-text",
    stream: false,
  });
  return {
    project: project.id,
    document: document.id,
    database: database.id,
    conversation: conversation.id,
  };
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL, storageState: ADMIN.file });
  ids = await fixtures(request, baseURL!);
  await request.dispose();
});

/** Waits until the page has rendered its data (no loading placeholders left). */
async function settle(page: Page) {
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeAttached();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByLabel("Loading the editor")).toHaveCount(0);
}

async function expectNoSidewaysScroll(page: Page, name: string) {
  await settle(page);
  const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
    // The innermost elements that stick out on the right: what to fix when this fails.
    const out = [...document.body.querySelectorAll<HTMLElement>("*")].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 0.5,
    );
    const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      culprits: innermost.slice(0, 5).map((el) => {
        const cls = typeof el.className === "string" ? el.className.slice(0, 60) : "";
        return `<${el.tagName.toLowerCase()} class="${cls}"> right=${Math.round(el.getBoundingClientRect().right)}`;
      }),
    };
  });
  await page.screenshot({ path: `test-results/screenshots/mobile-${name}.png`, fullPage: true });
  expect(
    scrollWidth,
    `${name} is ${scrollWidth} px wide at ${innerWidth} px; sticking out: ${culprits.join("; ")}`,
  ).toBeLessThanOrEqual(innerWidth);
}

const SIGNED_IN: { name: string; path: (ids: Ids) => string }[] = [
  { name: "dashboard", path: () => "/" },
  { name: "chat", path: () => "/chat" },
  { name: "chat-conversation", path: (i) => `/chat?c=${i.conversation}` },
  { name: "projects", path: () => "/projects" },
  { name: "project", path: (i) => `/projects/${i.project}` },
  { name: "document", path: (i) => `/projects/${i.project}/documents/${i.document}` },
  { name: "database", path: (i) => `/projects/${i.project}/databases/${i.database}` },
  { name: "account", path: () => "/account" },
  { name: "admin", path: () => "/admin" },
  { name: "workflows", path: () => "/workflows" },
  { name: "analytics", path: () => "/analytics" },
];

for (const { name, path } of SIGNED_IN)
  test(`${name} fits 390 px`, async ({ page }) => {
    await page.goto(path(ids!));
    await expectNoSidewaysScroll(page, name);
  });

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  for (const name of ["login", "register"])
    test(`${name} fits 390 px`, async ({ page }) => {
      await page.goto(`/${name}`);
      await expectNoSidewaysScroll(page, name);
    });
});

test("a slim top bar with a Menu button instead of the sidebar", async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.goto("/");
  const bar = await shell.menuButton.locator("xpath=..").boundingBox();
  expect(bar!.height).toBeLessThanOrEqual(64);
  await expect(shell.nav).toBeHidden(); // the desktop sidebar is not shown…
  await expect(shell.menuButton).toHaveAttribute("aria-expanded", "false");
  await expect(shell.menuButton).toHaveAttribute("aria-controls", "mobile-menu");
  // …and the page's own heading starts right below the bar.
  expect((await shell.heading.boundingBox())!.y).toBeLessThan(140);
});

test("the drawer: focus moves in and stays in, Escape closes and returns focus, a tap outside closes", async ({
  page,
}) => {
  const shell = new ShellPage(page);
  await shell.goto("/projects");
  await shell.menuButton.focus();
  await page.keyboard.press("Enter");
  await expect(shell.drawer).toBeVisible();
  await expect(shell.menuButton).toHaveAttribute("aria-expanded", "true");
  // Focus starts on the current section.
  await expect(shell.drawer.getByRole("link", { name: "Projects", exact: true })).toBeFocused();
  await expect(shell.drawer.getByRole("link", { name: "Projects", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  // Tabbing never reaches the page behind the drawer.
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press("Tab");
    const behind = await page.evaluate(() => {
      const a = document.activeElement;
      return !!a && a !== document.body && !a.closest("dialog[open]");
    });
    expect(behind, `Tab ${i + 1} left the drawer`).toBe(false);
  }
  await page.keyboard.press("Escape");
  await expect(shell.drawer).toBeHidden();
  await expect(shell.menuButton).toHaveAttribute("aria-expanded", "false");
  await expect(shell.menuButton).toBeFocused();

  await shell.openMenu();
  await page.mouse.click(385, 420); // the dimmed page to the right of the drawer
  await expect(shell.drawer).toBeHidden();
  await expect(shell.menuButton).toHaveAttribute("aria-expanded", "false");

  await shell.openMenu();
  await shell.drawer.getByRole("button", { name: "Close menu" }).click();
  await expect(shell.drawer).toBeHidden();
});

test("the drawer reaches every section and the account, closing on each navigation", async ({
  page,
}) => {
  const shell = new ShellPage(page);
  await shell.goto("/");
  for (const label of [
    "Chat",
    "Projects",
    "Workflows",
    "Approvals",
    "Analytics",
    "Admin",
    "Dashboard",
  ]) {
    await shell.navigateByMenu(label);
    // /admin opens its first section, /admin/users.
    const path = { Dashboard: "/", Admin: "/admin/users" }[label] ?? `/${label.toLowerCase()}`;
    await expect(page).toHaveURL(path);
  }
  await shell.openMenu();
  await shell.drawer.getByRole("link", { name: /Account & API keys/ }).click();
  await expect(page).toHaveURL("/account");
  await expect(shell.heading).toHaveText("Account");
  await expect(shell.drawer).toBeHidden();
  await expect(shell.drawer.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

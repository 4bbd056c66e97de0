import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { remoteKey, remoteUser } from "../helpers/remote-user";
import {
  createProject,
  getRun,
  publishedWorkflow,
  startRun,
  waitForRuns,
} from "./helpers/workflow-api";
import { ApprovalsPage } from "./pages/approvals-page";
import { AuthPages } from "./pages/auth-pages";

// The approvals inbox end to end: an owner's workflow waits for an editor, who sees the count in
// the navigation and the approval in the inbox, and decides it with a comment — with JavaScript,
// and without (the form posts to a server action). The runs are checked through the API.

const graph = {
  nodes: [
    { id: "trigger", type: "trigger", config: { inputs: [{ name: "title" }] } },
    {
      id: "review",
      type: "approval",
      config: { role: "editor", prompt: "Ship {{ trigger.title }}?", timeoutMinutes: 600 },
    },
    { id: "shipped", type: "output", config: { expression: '"shipped " + trigger.title' } },
    { id: "stopped", type: "output", config: { expression: '"stopped"' } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "review" },
    { id: "e2", source: "review", sourceHandle: "approved", target: "shipped" },
    { id: "e3", source: "review", sourceHandle: "rejected", target: "stopped" },
  ],
};

/** A context signed in as the editor (their cookies), with JavaScript or without, light or dark. */
async function editorContext(
  browser: Browser,
  from: BrowserContext,
  opts: Parameters<Browser["newContext"]>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ storageState: undefined, ...opts });
  await context.addCookies(await from.cookies());
  return context;
}

test("an editor sees the waiting approval in the navigation and the inbox, and approves or rejects it with a comment, with and without JavaScript", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL!;
  const owner = await remoteUser(base);
  const { key } = await remoteKey(base, owner.session);

  // The editor registers (and so signs in) in a browser of their own.
  const editorEmail = `editor-${Date.now()}@example.com`;
  const editorBrowser = await browser.newContext({ storageState: undefined });
  const page = await editorBrowser.newPage();
  await new AuthPages(page).register(editorEmail, "an editor passphrase that is long");

  const projectName = `Launches ${Date.now()}`;
  const projectId = await createProject(base, key, projectName);
  const invited = await fetch(`${base}/api/projects/${projectId}/members`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ email: editorEmail, role: "editor" }),
  });
  expect(invited.status).toBe(201);
  const name = "Release review";
  const workflowId = await publishedWorkflow(base, key, { projectId, name, graph });
  const waiting = async (title: string) => {
    const run = await startRun(base, key, workflowId, { title });
    await expect
      .poll(async () => (await getRun(base, key, run.id)).run.status, { timeout: 30_000 })
      .toBe("waiting_approval");
    return run;
  };

  const first = await waiting("v2");
  const inbox = new ApprovalsPage(page);
  await inbox.goto();
  await expect(inbox.navLink).toContainText("1");
  const card = inbox.card("Ship v2?");
  await expect(card.getByRole("heading", { name })).toBeVisible();
  await expect(card).toContainText(projectName);
  await expect(card).toContainText("Needs editor");
  await expect(card).toContainText(/Requested (just now|1 minute ago)/);
  await expect(card).toContainText("Expires in 10 hours");
  await expect(card.getByRole("link", { name: /^Open the run/ })).toHaveAttribute(
    "href",
    `/workflows/${workflowId}/runs/${first.id}`,
  );

  // Screenshots of the inbox with one approval waiting: light, dark and a 390 px phone.
  await page.screenshot({ path: "test-results/screenshots/approvals-light.png", fullPage: true });
  for (const [file, opts] of [
    ["approvals-dark", { colorScheme: "dark" as const }],
    ["approvals-390", { viewport: { width: 390, height: 844 } }],
  ] as const) {
    const shot = await editorContext(browser, editorBrowser, opts);
    const p = await shot.newPage();
    await new ApprovalsPage(p).goto();
    await p.screenshot({ path: `test-results/screenshots/${file}.png`, fullPage: true });
    const widths = await p.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    expect(widths[0], `${file}: no sideways scrolling`).toBeLessThanOrEqual(widths[1]!);
    await shot.close();
  }

  // Approve with a comment: no page load (the same document before and after), the run finishes.
  await page.evaluate(() => ((window as { marker?: number }).marker = 1));
  await inbox.decide("Ship v2?", "Approve", "Checked the notes");
  expect(await page.evaluate(() => (window as { marker?: number }).marker)).toBe(1);
  await expect(inbox.navLink).toHaveText("Approvals");
  await expect(inbox.main).toContainText("Nothing is waiting for you");
  await page.screenshot({ path: "test-results/screenshots/approvals-decided.png", fullPage: true });
  const [approved] = await waitForRuns(base, key, [first.id], 30_000);
  expect(approved!.run).toMatchObject({ status: "succeeded", output: "shipped v2" });
  const firstDetail = await getRun(base, key, first.id);
  expect((firstDetail as unknown as { approvals: unknown[] }).approvals[0]).toMatchObject({
    status: "approved",
    comment: "Checked the notes",
  });

  // Reject: the run takes the rejected branch.
  const second = await waiting("v3");
  await inbox.goto();
  await expect(inbox.navLink).toContainText("1");
  await inbox.decide("Ship v3?", "Reject", "Not this week");
  const [rejected] = await waitForRuns(base, key, [second.id], 30_000);
  expect(rejected!.run).toMatchObject({ status: "succeeded", output: "stopped" });

  // Without JavaScript the form is a plain POST to the server action, answered with the inbox.
  const third = await waiting("v4");
  const noJs = await editorContext(browser, editorBrowser, { javaScriptEnabled: false });
  const plain = new ApprovalsPage(await noJs.newPage());
  await plain.goto();
  await expect(plain.navLink).toContainText("1");
  await plain.decide("Ship v4?", "Approve", "Fine without scripts");
  await expect(plain.navLink).toHaveText("Approvals");
  const [noScript] = await waitForRuns(base, key, [third.id], 30_000);
  expect(noScript!.run).toMatchObject({ status: "succeeded", output: "shipped v4" });

  // Deciding one that was decided meanwhile (a stale tab) says so, and the list is renewed.
  const fourth = await waiting("v5");
  await plain.goto();
  const res = await fetch(`${base}/api/approvals/${(await approvalOf(base, key, fourth.id)).id}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ decision: "reject", comment: "owner was faster" }),
  });
  expect(res.status).toBe(200);
  const stale = plain.card("Ship v5?");
  await stale.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(plain.main.getByRole("status")).toContainText("already decided");
  await expect(plain.card("Ship v5?")).toHaveCount(0);
  await noJs.close();
  await editorBrowser.close();
});

async function approvalOf(base: string, key: string, runId: string) {
  const detail = (await getRun(base, key, runId)) as unknown as { approvals: { id: string }[] };
  return detail.approvals[0]!;
}

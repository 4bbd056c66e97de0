import { expect, test } from "@playwright/test";
import { remoteUser } from "../helpers/remote-user";
import { ADMIN } from "./pages/auth-pages";
import { createWorkflowViaApi, WorkflowEditorPage } from "./pages/workflow-editor-page";

test.use({ storageState: ADMIN.file });

const mod = process.platform === "darwin" ? "Meta" : "Control";

test("workflow editor: add steps by drag and click, connect, see and fix a problem, autosave, undo/redo, delete, refuse a cycle", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { workflowId } = await createWorkflowViaApi(page.request, baseURL!, { name: "Editor e2e" });
  const ed = new WorkflowEditorPage(page);
  await ed.open(workflowId);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Editor e2e");
  await expect(page.getByText("A workflow needs a trigger node")).toBeVisible();

  // Drag a trigger from the palette; click to add the rest (at the centre of the view).
  await ed.dragFromPalette("trigger", { x: 120, y: 200 });
  await expect(ed.node("trigger")).toBeVisible();
  for (const type of ["llm", "condition", "output"]) await ed.clickPalette(type);
  await expect(ed.nodes).toHaveCount(4);
  await ed.autoLayout();

  await ed.connect(ed.handle("trigger", "out"), ed.handle("llm", "in"));
  await ed.connect(ed.handle("llm", "out"), ed.handle("condition", "in"));
  await ed.connect(ed.handle("condition", "true"), ed.handle("output", "in"));
  await expect(ed.edges).toHaveCount(3);

  // A cycle is refused while dragging, with the reason.
  await ed.connect(ed.handle("condition", "false"), ed.handle("llm", "in"));
  await expect(ed.notice).toContainText("cycle");
  await expect(ed.edges).toHaveCount(3);

  // The new AI step has no prompt: a badge on the node and a line in the problems list.
  await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
  await expect(ed.node("llm").getByTestId("node-issue-badge")).toBeVisible();
  const llmProblem = ed.problems.getByRole("button", { name: /^llm/ });
  await expect(llmProblem.first()).toBeVisible();
  await llmProblem.first().click(); // selects the node and shows its panel
  await expect(page.locator("#node-id")).toHaveValue("llm");
  await ed.setConfigField(/^Prompt/, "prompt", "Say hello to {{ trigger }}");
  await expect(ed.node("llm").getByTestId("node-issue-badge")).toHaveCount(0);

  await ed.expectSaved();
  await page.reload();
  await expect(ed.nodes).toHaveCount(4, { timeout: 30_000 });
  await expect(ed.edges).toHaveCount(3);
  await expect(ed.node("llm").getByTestId("node-issue-badge")).toHaveCount(0);

  // Delete with Backspace (on the canvas), undo, redo, undo.
  await ed.node("output").click();
  await page.keyboard.press("Backspace");
  await expect(ed.nodes).toHaveCount(3);
  await expect(ed.edges).toHaveCount(2);
  await page.keyboard.press(`${mod}+z`);
  await expect(ed.nodes).toHaveCount(4);
  await expect(ed.edges).toHaveCount(3);
  await page.keyboard.press(`${mod}+Shift+z`);
  await expect(ed.nodes).toHaveCount(3);
  await page.keyboard.press(`${mod}+z`);
  await expect(ed.nodes).toHaveCount(4);

  // Backspace while typing edits the text, not the graph.
  await ed.node("condition").click();
  const label = page.getByLabel("Label", { exact: true });
  await label.fill("Is it?");
  await label.press("Backspace");
  await label.press("Enter");
  await expect(ed.nodes).toHaveCount(4);
  await expect(ed.node("condition")).toContainText("Is it");

  // Duplicate gets a fresh id.
  await ed.node("condition").click();
  await page.keyboard.press(`${mod}+d`);
  await expect(ed.node("condition_2")).toBeVisible();
  await ed.expectSaved();
});

test("workflow editor: another user gets 404; as a viewer they see the workflow read-only", async ({
  page,
  baseURL,
  browser,
}) => {
  test.setTimeout(90_000);
  const graph = {
    nodes: [
      { id: "trigger", type: "trigger", position: { x: 0, y: 0 }, config: { inputs: [] } },
      { id: "out", type: "output", position: { x: 300, y: 0 }, config: { expression: "1" } },
    ],
    edges: [{ id: "e", source: "trigger", target: "out" }],
  };
  const { projectId, workflowId } = await createWorkflowViaApi(page.request, baseURL!, {
    name: "Viewer e2e",
    graph,
  });
  const viewer = await remoteUser(baseURL!);
  const ctx = await browser.newContext({ storageState: undefined });
  const [name, value] = viewer.session.split(/=(.*)/s) as [string, string];
  await ctx.addCookies([{ name, value, url: baseURL! }]);
  const vp = await ctx.newPage();
  // Not a member yet: the workflow does not exist for them (404), nor does an unknown id.
  expect((await vp.goto(`/workflows/${workflowId}`))?.status()).toBe(404);
  await expect(vp.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await vp.goto("/workflows/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  const added = await page.request.post(`/api/projects/${projectId}/members`, {
    data: { email: viewer.email, role: "viewer" },
    headers: { origin: baseURL! },
  });
  expect(added.status(), await added.text()).toBe(201);

  const ed = new WorkflowEditorPage(vp);
  await ed.open(workflowId);
  await expect(vp.getByText("Read only (viewer)")).toBeVisible();
  await expect(vp.getByRole("region", { name: "Add a step" })).toHaveCount(0);
  await expect(vp.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(vp.getByRole("button", { name: "Run" })).toHaveCount(0); // runRole is editor
  await ed.node("out").click();
  await expect(vp.getByLabel("Label", { exact: true })).toHaveAttribute("readonly", "");
  await vp.keyboard.press("Backspace");
  await expect(ed.nodes).toHaveCount(2);
  await ctx.close();
});

test("workflow editor: 300 steps open and are interactive; dragging one node re-renders only it", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const nodes: unknown[] = [{ id: "trigger", type: "trigger", config: { inputs: [] } }];
  const edges: unknown[] = [];
  for (let i = 1; i < 300; i++) {
    nodes.push({ id: `s${i}`, type: "transform", config: { expression: `${i}` } });
    edges.push({ id: `e${i}`, source: i === 1 ? "trigger" : `s${i - 1}`, target: `s${i}` });
  }
  const { workflowId } = await createWorkflowViaApi(page.request, baseURL!, {
    name: "Big e2e",
    graph: { nodes, edges },
  });
  await page.addInitScript(() => {
    (window as unknown as { __editorRenders: Record<string, number> }).__editorRenders = {};
  });
  const ed = new WorkflowEditorPage(page);
  const t0 = Date.now();
  await page.goto(`/workflows/${workflowId}`);
  await expect(ed.node("trigger")).toBeVisible({ timeout: 60_000 });
  const before = await ed.node("trigger").boundingBox();
  await ed.dragNode("trigger", 0, 60);
  await expect
    .poll(async () => (await ed.node("trigger").boundingBox())!.y)
    .toBeGreaterThan(before!.y + 30);
  console.log(
    `[measure] 300-node workflow: ${Date.now() - t0} ms from navigation to the first node dragged`,
  );

  // Render counts: select the node first (a selection change re-renders the old and new
  // selection), zero the counters, then drag it.
  await ed.node("s1").click();
  await page.evaluate(() => {
    const r = (window as unknown as { __editorRenders: Record<string, number> }).__editorRenders;
    for (const k of Object.keys(r)) r[k] = 0;
  });
  await ed.dragNode("s1", 40, 40);
  const counts = await page.evaluate(
    () => (window as unknown as { __editorRenders: Record<string, number> }).__editorRenders,
  );
  const others = Object.entries(counts).filter(([id, n]) => id !== "s1" && n > 0);
  console.log(
    `[measure] renders while dragging s1: s1=${counts.s1}, other nodes re-rendered: ${others.length}`,
  );
  expect(counts.s1).toBeGreaterThan(0);
  expect(others).toEqual([]);
});

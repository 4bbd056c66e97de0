import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ADMIN, AuthPages } from "./pages/auth-pages";
import { WorkflowsPage } from "./pages/workflows-page";

test.use({ storageState: ADMIN.file });

const SHOTS = "test-results/screenshots";
const stamp = () => `${Date.now()}`.slice(-7);

/** A graph whose test run fails: its HTTP step calls a loopback address, which the app refuses. */
const FAILING = {
  nodes: [
    { id: "trigger", type: "trigger", config: { inputs: [] } },
    {
      id: "fetch",
      type: "http",
      config: { method: "GET", url: "http://127.0.0.1:9/", responseType: "text", maxBytes: 1000 },
    },
  ],
  edges: [{ id: "e1", source: "trigger", target: "fetch" }],
};

test("a new user sees the empty states and is led to create", async ({ browser }) => {
  const context = await browser.newContext({ storageState: undefined });
  const page = await context.newPage();
  await new AuthPages(page).register(`flows-${stamp()}@example.com`, "a long enough passphrase");
  const flows = new WorkflowsPage(page);
  await flows.gotoList();
  await expect(page.getByRole("heading", { name: "No workflows yet" })).toBeVisible();
  await expect(page.getByText("you need to be an editor of one")).toBeVisible();
  await expect(page.getByRole("link", { name: "New workflow" })).toHaveCount(0);
  await flows.createProjectViaApi("First project");
  await flows.gotoList();
  const empty = page.getByRole("region", { name: "No workflows yet" });
  await empty.getByRole("link", { name: "New workflow" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New workflow" })).toBeVisible();
  await context.close();
});

test("create blank and from a template, list them with status, search", async ({ page }) => {
  const flows = new WorkflowsPage(page);
  const project = `Ops ${stamp()}`;
  await page.goto("/workflows");
  const projectId = await flows.createProjectViaApi(project);

  await flows.gotoNew(`?projectId=${projectId}`);
  await page.screenshot({ path: `${SHOTS}/workflows-new.png`, fullPage: true });
  await flows.create({ project, name: "Blank flow", description: "Nothing yet" });
  const blankId = await flows.landedWorkflowId();
  const blank = await flows.workflowViaApi(blankId);
  expect(blank.workflow).toMatchObject({ name: "Blank flow", projectId });
  expect(blank.workflow!.draft.nodes.map((n) => n.type)).toEqual(["trigger"]);

  await flows.gotoNew();
  await flows.create({ project, name: "Summaries", template: /Summarize a URL/ });
  const fromTemplate = await flows.workflowViaApi(await flows.landedWorkflowId());
  expect(fromTemplate.workflow!.draft.nodes.map((n) => n.type)).toEqual(
    expect.arrayContaining(["trigger", "http", "llm"]),
  );

  // A duplicate name is refused next to the Name field, nothing else lost.
  await flows.gotoNew();
  await flows.create({ project, name: "Summaries" });
  await expect(page.getByRole("form", { name: "New workflow" }).getByRole("alert")).toContainText(
    'already has a workflow named "Summaries"',
  );
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Summaries");

  const failing = await flows.createWorkflowViaApi({ projectId, name: "Fails", graph: FAILING });
  expect(await flows.runDraftToEnd(failing.id)).toBe("failed");

  await flows.gotoList(`?projectId=${projectId}`);
  await expect(flows.rows()).toHaveCount(3);
  const row = flows.row("Fails");
  await expect(row.getByTestId("workflow-status")).toHaveText(/draft only\s*last run failed/);
  await expect(row.getByTestId("workflow-last-run")).toHaveText(/failed · (just now|1 minute ago)/);
  await expect(row).toContainText(project);
  await expect(flows.row("Blank flow").getByTestId("workflow-last-run")).toHaveText("never");
  await page.screenshot({ path: `${SHOTS}/workflows-list.png`, fullPage: true });

  await flows.search("summ");
  await expect(page).toHaveURL(/\?q=summ/);
  await expect(flows.rows()).toHaveCount(1);
  await expect(
    flows.rows().first().getByRole("link", { name: "Summaries", exact: true }),
  ).toHaveAttribute("href", /^\/workflows\/[0-9a-f-]{36}$/);
  await flows.search("no such workflow");
  await expect(page.getByText("No workflow matches “no such workflow”.")).toBeVisible();

  // The project page lists the same rows, with New workflow for its owner.
  await page.goto(`/projects/${projectId}`);
  const section = page.getByRole("region", { name: "Workflows" });
  await expect(
    section.getByRole("list", { name: "Project workflows" }).getByRole("listitem"),
  ).toHaveCount(3);
  await expect(section.getByRole("link", { name: "New workflow" })).toHaveAttribute(
    "href",
    `/workflows/new?projectId=${projectId}`,
  );
});

test("import a valid file, list the problems of a broken one, export and import back", async ({
  page,
}) => {
  const flows = new WorkflowsPage(page);
  const project = `Imports ${stamp()}`;
  await page.goto("/workflows");
  const projectId = await flows.createProjectViaApi(project);
  const source = await flows.createWorkflowViaApi({ projectId, name: "Original", graph: FAILING });

  // Export from the list row: a JSON download.
  await flows.gotoList(`?projectId=${projectId}`);
  const download = page.waitForEvent("download");
  await flows.row("Original").getByRole("link", { name: "Export Original as JSON" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("original.workflow.json");
  const path = `${test.info().outputDir}/original.workflow.json`;
  await file.saveAs(path);
  const exported = JSON.parse(await readFile(path, "utf8"));
  expect(exported).toMatchObject({ format: "aios.workflow", version: 1, name: "Original" });

  // A broken file: every problem listed with its node or edge and field, nothing created.
  const broken = structuredClone(exported);
  broken.graph.nodes.push({ id: "calc", type: "transform", config: { expression: "" } });
  broken.graph.edges.push({ id: "e9", source: "fetch", target: "ghost" });
  await flows.gotoImport(`?projectId=${projectId}`);
  await flows.importWorkflow({
    project,
    file: { name: "broken.json", text: JSON.stringify(broken) },
  });
  await expect(page.getByRole("alert").filter({ hasText: "nothing was imported" })).toBeVisible();
  await expect(flows.importProblems().filter({ hasText: "Edge “e9”" })).toHaveCount(1);
  await expect(
    flows.importProblems().filter({ hasText: "Node “calc” · config.expression" }),
  ).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/workflows-import-errors.png`, fullPage: true });
  await flows.importWorkflow({ project, paste: "{ not json" });
  await expect(page.getByText("The file cannot be imported.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Problems with the file" })).toContainText(
    "not valid JSON",
  );

  // The exported file goes back in (same project, so under a new name) and round-trips.
  await flows.importWorkflow({ project, name: "Copy", file: path });
  const copy = await flows.workflowViaApi(await flows.landedWorkflowId());
  expect(copy.workflow).toMatchObject({ name: "Copy", projectId, draft: source.draft });
  const again = await page.request.get(`/api/workflows/${copy.workflow!.id}/export`);
  expect({ ...(await again.json()), exportedAt: "", name: "Original" }).toEqual({
    ...exported,
    exportedAt: "",
  });
});

test("without JavaScript, search and the create form still work", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN.file, javaScriptEnabled: false });
  const page = await context.newPage();
  const flows = new WorkflowsPage(page);
  const project = `No JS ${stamp()}`;
  await page.goto("/workflows");
  await flows.createProjectViaApi(project);

  await flows.gotoNew();
  await flows.create({ project, name: "" });
  await expect(page.getByText("Name is required.")).toBeVisible();
  await flows.create({ project, name: "Made without JS", template: /Summarize a URL/ });
  const id = await flows.landedWorkflowId();
  expect((await flows.workflowViaApi(id)).workflow?.name).toBe("Made without JS");

  await flows.gotoList();
  await flows.search("without js");
  await expect(page).toHaveURL(/\/workflows\?q=without\+js/);
  await expect(flows.rows()).toHaveCount(1);
  await expect(flows.row("Made without JS")).toContainText(project);
  await context.close();
});
